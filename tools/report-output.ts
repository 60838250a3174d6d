import * as fs from "node:fs";
import { type CliIo, processIo } from "./cli-io";

/**
 * Where a CLI's rendered report goes: the `--out` file (saying so on stdout, with the exit code the
 * command will end with) or stdout itself. An `--out` that cannot be written is bad input: the
 * command returns its own code for invalid input, and nothing is half-reported. `io` is the
 * process's streams unless a test runs the command in-process.
 */
export function emitReport(
  command: string,
  rendered: string,
  out: { written: string; path: string } | undefined,
  exitCode: number,
  invalidInputExitCode: number,
  io: CliIo = processIo(),
): number {
  if (!out) {
    io.stdout.write(rendered);
    return exitCode;
  }
  try {
    fs.writeFileSync(out.path, rendered);
  } catch (error) {
    io.stderr.write(`${command}: --out: cannot write ${out.written}: ${(error as Error).message}\n`);
    return invalidInputExitCode;
  }
  io.stdout.write(`${command}: report written to ${out.written} (exit ${exitCode})\n`);
  return exitCode;
}
