/**
 * How every CLI of this repository ends: with `code`, once everything it wrote reached the OS.
 *
 * `process.exit()` right after `process.stdout.write()` drops what is still queued when stdout is a
 * pipe: Node writes to pipes asynchronously (https://nodejs.org/api/process.html#a-note-on-process-io),
 * so a report piped to `jq` or `wc` was cut at 64 KiB, in a race with the exit. Setting
 * `process.exitCode` alone is not enough for the CLIs whose worker threads, child processes or
 * WebAssembly runtimes keep the event loop alive, so the process exits explicitly, but only when
 * stdout's and stderr's write queues are empty (a reader that stops reading keeps it waiting, as it
 * would `cat`).
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  const streams = [process.stdout, process.stderr];
  const exitIfFlushed = (): void => {
    if (streams.every((stream) => stream.writableLength === 0)) process.exit(code);
    else setTimeout(exitIfFlushed, 5);
  };
  exitIfFlushed();
}

/**
 * Runs a CLI's `main` and ends the process with the code it returns; an unexpected error becomes one
 * line on stderr (`command: message`, never a stack trace) and `failureCode`.
 */
export function runCli(command: string, main: () => Promise<number>, failureCode: number): void {
  main().then(exitWhenFlushed, (error: unknown) => {
    process.stderr.write(`${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    exitWhenFlushed(failureCode);
  });
}
