import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { PlannedResource } from "../tools/check/plan/planned-resource";
import { writeDocsBlock } from "./docs-block";
import { writeSyntheticTenants } from "./synthetic-tenants";
import { median } from "./median";
import { runCli } from "../tools/cli-exit";
import { parseCli } from "../tools/cli-flags";

/**
 * The verdict alone: N synthetic tenants are planned once (not timed), then the same resources are
 * replayed to a pack with no policies and to the real pack, each started afresh, over the Analyzer
 * protocol exactly as `npm run check` sends them. What the empty pack costs is the protocol and the
 * policy SDK's server; the difference is what the policies add.
 *
 *   npm run bench:pack -- --tenants 1000 --rounds 3 [--docs]
 *
 * `--docs` writes the figures into docs/performance.md.
 */
const repoRoot = path.resolve(__dirname, "..");
const packs = [
  { label: "no policies (bench/empty-pack)", dir: path.join(repoRoot, "bench", "empty-pack") },
  { label: "bedrock-cost-guardrails (policies)", dir: path.join(repoRoot, "policies") },
];

/*
 * The program's runner, the pack's host and the encoder are required where used, not imported: they
 * load the Pulumi SDK and gRPC (seconds), and --help or a bad flag should not wait for them.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

async function plan(tenants: number): Promise<PlannedResource[]> {
  const { releaseProgram, runProgram } =
    require("../tools/check/program/program-runner") as typeof import("../tools/check/program/program-runner");
  const { readStackConfigFile } =
    require("../tools/stack-config-file") as typeof import("../tools/stack-config-file");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bcg-replay-${tenants}-`));
  try {
    writeSyntheticTenants(dir, tenants, ["shared-ai", "claims-ai"]);
    const stackFile = readStackConfigFile(repoRoot, "dev");
    if ("errors" in stackFile) throw new Error(JSON.stringify(stackFile.errors));
    const run = await runProgram({
      programDir: repoRoot,
      project: "bedrock-cost-governance",
      stack: "dev",
      config: { ...stackFile.config, "bedrock-cost-governance:tenantsDir": dir },
    });
    releaseProgram();
    return run.resources;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One stack analysis by a freshly started pack: when every Analyze, and the AnalyzeStack, was answered. */
async function analyzeWith(packDir: string, resources: readonly PlannedResource[]) {
  const { PolicyPackHost } =
    require("../tools/check/analyzer/policy-pack-host") as typeof import("../tools/check/analyzer/policy-pack-host");
  const { StackEncoder } =
    require("../tools/check/analyzer/stack-encoder") as typeof import("../tools/check/analyzer/stack-encoder");
  const host = await PolicyPackHost.start({ packDir });
  try {
    const startedAt = performance.now();
    const judgement = host.beginStackAnalysis();
    const encoder = new StackEncoder();
    encoder.addAll(resources, (urn, request) => judgement.analyze(urn, request));
    judgement.analyzeStack(encoder.stackRequest(resources.map((resource) => resource.urn)));
    const encodedMs = performance.now() - startedAt;
    const violations = await judgement.finish(resources.length);
    const { analyzeMs, analyzeStackMs, totalMs } = host.timings.lastAnalysis!;
    return { encodedMs, analyzeMs, analyzeStackMs, totalMs, violations: violations.length };
  } finally {
    await host.close();
  }
}

/* eslint-enable @typescript-eslint/no-require-imports */

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(5)} s`;

const usage = `Usage: npm run bench:pack -- [--tenants 1000] [--rounds 3] [--docs]

Replays a synthetic stack's Analyze requests to the policy pack (each round a fresh pack) and times
the verdict; --docs writes the figures to README.md.

Exit codes: 0 done, 2 a bad flag or value, or a failure while timing.
`;

async function main(): Promise<number> {
  const values = parseCli<{ tenants: string; rounds: string; docs: boolean }>("bench:pack", usage, {
    tenants: { type: "string", default: "1000" },
    rounds: { type: "string", default: "3" },
    docs: { type: "boolean", default: false },
  });
  if (typeof values === "number") return values;
  const tenants = Number(values.tenants);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(tenants) || tenants < 1 || !Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write(`bench:pack: --tenants and --rounds take positive integers\n\n${usage}`);
    return 2;
  }
  const resources = await plan(tenants);
  const lines: string[] = [];
  const print = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  print(
    `pack replay: ${tenants} tenants, ${resources.length} resources, node ${process.version}, ${os.cpus().length} cores, medians of ${rounds} round(s), each with a fresh pack; AnalyzeStack sent once every Analyze is answered, times from the first Analyze`,
  );
  for (const pack of packs) {
    const runs: Array<Awaited<ReturnType<typeof analyzeWith>>> = [];
    for (let round = 0; round < rounds; round++) runs.push(await analyzeWith(pack.dir, resources));
    const pick = (key: "encodedMs" | "analyzeMs" | "analyzeStackMs" | "totalMs") =>
      seconds(median(runs.map((run) => run[key])));
    print(
      `  ${pack.label.padEnd(36)} encode ${pick("encodedMs")}  every Analyze answered ${pick("analyzeMs")}  AnalyzeStack answered ${pick("analyzeStackMs")}  verdict ${pick("totalMs")}  (${runs[0].violations} violations)`,
    );
  }
  if (values.docs)
    writeDocsBlock(
      "pack",
      `Written by \`npm run bench:pack -- --docs\` on ${new Date().toISOString().slice(0, 10)}:\n\n\`\`\`\n${lines.join("\n")}\n\`\`\``,
    );
  return 0;
}

runCli("bench:pack", main, 2);
