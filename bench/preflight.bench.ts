import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { median } from "./median";
import { writeSyntheticTenants } from "./synthetic-tenants";
import { runCli } from "../tools/cli-exit";
import { parseCli } from "../tools/cli-flags";

/**
 * The AWS preflight alone: N synthetic tenants planned once (not timed), then the preflight run over
 * the plan `--rounds` times, as `npm run check` runs it between the plan and the verdict.
 *
 *   npm run bench:preflight -- --tenants 1000 --rounds 5
 */
const repoRoot = path.resolve(__dirname, "..");

const usage = `Usage: npm run bench:preflight -- [--tenants 1000] [--rounds 5]

Times the AWS preflight alone over a synthetic stack of --tenants tenants (planned once, not timed).

Exit codes: 0 done, 1 a failure while timing, 2 a bad flag.
`;

async function main(): Promise<number> {
  const values = parseCli<{ tenants: string; rounds: string }>("bench:preflight", usage, {
    tenants: { type: "string", default: "1000" },
    rounds: { type: "string", default: "5" },
  });
  if (typeof values === "number") return values;
  const tenants = Number(values.tenants);
  const rounds = Number(values.rounds);
  // Loaded only now: the program's runner (the Pulumi SDK), the stack's schemas, YAML and the preflight
  // take seconds to load, and --help or a bad flag should not wait for them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { validateStackInputs } = require("../src/stack") as typeof import("../src/stack");
  const { preflight, preflightErrors } =
    require("../tools/check/preflight") as typeof import("../tools/check/preflight");
  const { releaseProgram, runProgram } =
    require("../tools/check/program/program-runner") as typeof import("../tools/check/program/program-runner");
  const { readStackConfigFile } =
    require("../tools/stack-config-file") as typeof import("../tools/stack-config-file");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bcg-preflight-${tenants}-`));
  try {
    writeSyntheticTenants(dir, tenants, ["shared-ai", "claims-ai"]);
    const stackFile = readStackConfigFile(repoRoot, "dev");
    if ("errors" in stackFile) throw new Error(JSON.stringify(stackFile.errors));
    const config = { ...stackFile.config, "bedrock-cost-governance:tenantsDir": dir };
    const inputs = validateStackInputs(config, stackFile.file, repoRoot);
    if ("errors" in inputs) throw new Error(JSON.stringify(inputs.errors.slice(0, 3)));
    const run = await runProgram({
      programDir: repoRoot,
      project: "bedrock-cost-governance",
      stack: "dev",
      config,
    });
    releaseProgram();
    const times: number[] = [];
    let errors = 0;
    for (let round = 0; round < rounds; round++) {
      const startedAt = performance.now();
      errors = preflightErrors(preflight(run.resources), inputs.tenants).length;
      times.push(performance.now() - startedAt);
    }
    process.stdout.write(
      `preflight over ${tenants} tenants (${run.resources.length} resources): median ${median(times).toFixed(1)} ms, rounds ${times.map((time) => time.toFixed(1)).join(", ")} ms; ${errors} errors\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

runCli("bench:preflight", main, 1);
