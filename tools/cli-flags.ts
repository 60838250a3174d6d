import { parseArgs } from "node:util";
import { type CliIo, processIo } from "./cli-io";

/**
 * A CLI's first step: its parsed flags, or the exit code it ends with at once. A flag that cannot be
 * parsed is bad input (its one-line message, then the usage, on stderr); `--help` prints the usage on
 * stdout and ends with the command's success code. Each command keeps its own codes. `io` is the
 * process's streams unless a test runs the command in-process.
 */
export function parseFlagsOrExit<Flags extends { help: boolean }>(
  command: string,
  usage: string,
  parse: () => Flags,
  exitCodes: { help: number; invalidInput: number },
  io: CliIo = processIo(),
): Flags | number {
  let flags: Flags;
  try {
    flags = parse();
  } catch (error) {
    io.stderr.write(`${command}: ${(error as Error).message}\n\n${usage}`);
    return exitCodes.invalidInput;
  }
  if (flags.help) {
    io.stdout.write(usage);
    return exitCodes.help;
  }
  return flags;
}

type ParseArgsOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

/**
 * The command line of every CLI of this repository: `node:util` parseArgs (strict: an unknown flag is
 * bad input, its message and the usage on stderr, exit 2), with `-h, --help` (the usage on stdout,
 * exit 0) added to the options. Returns the parsed values (typed by the caller as `Values`, the shape
 * `options` gives) and positionals, or the exit code the CLI ends with at once. Parse before doing
 * anything else: `--help` writes no file.
 */
export function parseCli<Values extends object = Record<string, never>>(
  command: string,
  usage: string,
  options: ParseArgsOptions,
  config: { positionals?: boolean; argv?: string[] } = {},
): (Values & { help: boolean; positionals: string[] }) | number {
  return parseFlagsOrExit(
    command,
    usage,
    () => {
      const parsed = parseArgs({
        args: config.argv ?? process.argv.slice(2),
        options: { ...options, help: { type: "boolean", short: "h", default: false } },
        allowPositionals: config.positionals ?? false,
        strict: true,
      });
      return {
        ...(parsed.values as Values),
        help: parsed.values.help === true,
        positionals: parsed.positionals,
      };
    },
    { help: 0, invalidInput: 2 },
  );
}
