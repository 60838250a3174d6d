/**
 * A CLI's first step: its parsed flags, or the exit code it ends with at once. A flag that cannot be
 * parsed is bad input (its one-line message, then the usage, on stderr); `--help` prints the usage on
 * stdout and ends with the command's success code. Each command keeps its own codes.
 */
export function parseFlagsOrExit<Flags extends { help: boolean }>(
  command: string,
  usage: string,
  parse: () => Flags,
  exitCodes: { help: number; invalidInput: number },
): Flags | number {
  let flags: Flags;
  try {
    flags = parse();
  } catch (error) {
    process.stderr.write(`${command}: ${(error as Error).message}\n\n${usage}`);
    return exitCodes.invalidInput;
  }
  if (flags.help) {
    process.stdout.write(usage);
    return exitCodes.help;
  }
  return flags;
}
