/** How the check's SDK hooks (sdk-internals.ts, sdk-mock-monitor.ts) read the installed SDKs and fail. */
import * as fs from "node:fs";

/** The error of a hook the installed SDK no longer has as the check relies on it. */
export const hookMissing = (name: string) =>
  new Error(
    `SDK internal hook "${name}" is gone or changed in @pulumi/pulumi ${sdkVersion()}: see tools/check/sdk-internals.ts`,
  );

function sdkVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

/** The source of an `@pulumi/pulumi` module, to check what a hook relies on. */
export function sdkSource(file: string): string {
  return fs.readFileSync(require.resolve(`@pulumi/pulumi/${file}`), "utf8");
}

/** The source of an `@pulumi/policy` module (the pack's SDK), likewise. */
export function policySdkSource(file: string): string {
  return fs.readFileSync(require.resolve(`@pulumi/policy/${file}`), "utf8");
}

export function assertHook(ok: boolean, name: string): void {
  if (!ok) throw hookMissing(name);
}
