/**
 * Where a CLI of this repository writes: the process's standard output and error, or, when a test
 * runs the CLI's `main` in-process, stand-ins that keep what was written (a spawned CLI costs seconds
 * of CPU; an in-process run of the same `main` proves the same wiring in milliseconds).
 */
export interface OutputStream {
  write(text: string): unknown;
  /** A terminal (progress is shown only there, unless asked for). */
  readonly isTTY?: boolean;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
}

/** The process's own streams (read when called: a test may have replaced them since start-up). */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
