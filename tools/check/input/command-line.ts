import * as fs from "node:fs";
import * as path from "node:path";
import { isDirectory } from "../../../src/directories";
import type { InputError } from "../../../src/validation";

/**
 * `npm run check --stack prod` (no `--`) hands `--stack prod` to npm, which keeps it as its own
 * config (`npm_config_stack`) and runs the check without it: the check would quietly judge dev (and
 * `npm run new-tenant name --budget 500` would write a budget of 100). `script`: the npm script.
 * Seen in the environment npm sets, it is answered with the command that was meant.
 */
export function forgottenDoubleDash(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  optionNames: readonly string[],
  script = "check",
  /** Arguments the script takes before its flags (new-tenant's name): they are not a flag's value. */
  leadingArguments = 0,
): string | undefined {
  if (env.npm_lifecycle_event !== script) return undefined;
  const positionals = argv.filter((arg) => !arg.startsWith("-"));
  const taken = optionNames.flatMap((name) => {
    const value = env[`npm_config_${name.replace(/-/g, "_")}`];
    if (value === undefined || value === "") return [];
    // Given as `--stack prod`, npm may keep `true` and pass `prod` on as an argument.
    const written = value === "true" ? positionals.splice(leadingArguments, 1)[0] : value;
    return [written === undefined ? `--${name}` : `--${name} ${written}`];
  });
  if (taken.length === 0) return undefined;
  const meant = [`npm run ${script} --`, ...positionals, ...taken].join(" ");
  return `npm took ${taken.map((flag) => flag.split(" ")[0]).join(", ")} for itself (no "--" before the ${script === "check" ? "check's" : `${script} script's`} flags): write \`${meant}\``;
}

/**
 * Paths in flags as the user wrote them: resolved from the directory the command was typed in
 * (under npm, INIT_CWD: npm runs scripts from the project root), and printed back as written.
 */
export function userPaths(flags: Readonly<Record<string, unknown>>) {
  const base =
    process.env.npm_lifecycle_event === "check" && process.env.INIT_CWD
      ? process.env.INIT_CWD
      : process.cwd();
  const written = new Map<string, string>();
  for (const value of Object.values(flags)) {
    if (typeof value !== "string") continue;
    const absolute = path.resolve(base, value);
    written.set(absolute, value);
    written.set(path.relative(process.cwd(), absolute), value);
  }
  return {
    resolve: (value: string | undefined) => (value === undefined ? undefined : path.resolve(base, value)),
    /** The error with its file shown under the written path when it is, or is inside, a path flag. */
    asWritten: (error: InputError): InputError => {
      for (const [shown, original] of written) {
        if (shown === "" || shown === original) continue;
        if (
          error.file === shown ||
          error.file.startsWith(`${shown}${path.sep}`) ||
          error.file.startsWith(`${shown}:`)
        )
          return { ...error, file: `${original}${error.file.slice(shown.length)}` };
      }
      return error;
    },
  };
}

/**
 * The directories the check reads, from its flags: the policy pack (default `defaultPackDir`) must
 * hold a PulumiPolicy.yaml, and --tenants, when given, must be a directory. One line for the first
 * that is not, as the CLI prints it, before anything is loaded.
 */
export function inputDirectories(
  flags: { "policy-pack"?: string; tenants?: string },
  paths: ReturnType<typeof userPaths>,
  defaultPackDir: string,
): { error: string } | { packDir: string; tenantsDir?: string } {
  const packDir = paths.resolve(flags["policy-pack"]) ?? defaultPackDir;
  if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml")))
    return {
      error: `--policy-pack: ${flags["policy-pack"]} is not a policy pack (it has no PulumiPolicy.yaml)`,
    };
  const tenantsDir = paths.resolve(flags.tenants);
  if (tenantsDir !== undefined && !isDirectory(tenantsDir))
    return { error: `--tenants: no such directory "${flags.tenants}"` };
  return { packDir, tenantsDir };
}
