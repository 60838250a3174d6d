import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeDocsBlock } from "./docs-block";
import { median } from "./median";
import {
  type Figures,
  type PhasePeaks,
  describeFigures,
  describePhases,
  figures,
  highestPhasePeaks,
  mb,
  phaseNames,
  phasePeaks,
  seconds,
} from "./plan-figures";
import { type Measurement, measure } from "./process-tree";
import { writeSyntheticTenants } from "./synthetic-tenants";
import { runCli } from "../tools/cli-exit";
import { parseCli } from "../tools/cli-flags";
import { type Progress, startProgress } from "../tools/progress";

/**
 * Plan benchmark: N synthetic tenants checked end to end by the real `npm run check` entry point
 * (program under mocks + policy verdict), against a pack of no policies and the SDK floor in the
 * same run. `--baseline DIR` runs another checkout's check (e.g. a worktree of main) in the same
 * rounds, interleaved, for an A/B comparison on a machine others share; `--docs` writes the table
 * into docs/performance.md.
 *
 *   npm run bench:plan -- --tenants 100,1000 --rounds 3 [--baseline ../main] [--docs]
 */
const repoRoot = path.resolve(__dirname, "..");
// Peak RSS target: 1.5 GB, counted as 1,500 MB (not GiB), for check and pack at once.
const targets = { wallSecondsAt1000: 30, peakRssMbAt1000: 1500, linearity: 11, overFloor: 1.5 };

/** `npm run check` of the checkout in `root` as its package.json spells it (node flags included), without npm. */
function checkCommand(root: string): string[] {
  const script: string = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.check;
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== "node") throw new Error(`${root}'s check script does not start with node: ${script}`);
  return args;
}

const emptyPack = path.join(repoRoot, "bench", "empty-pack");

async function benchmark(tenants: number, rounds: number, baseline?: string, progress?: Progress) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bcg-bench-${tenants}-`));
  const tenantsDir = path.join(dir, "tenants");
  writeSyntheticTenants(tenantsDir, tenants, ["shared-ai", "claims-ai"]);
  const report = path.join(dir, "report.json");
  const floorResources = path.join(dir, "floor-resources.json");
  const runs = {
    check: [] as Measurement[],
    baseline: [] as Measurement[],
    unjudged: [] as Measurement[],
    floor: [] as Measurement[],
  };
  const planSeconds: number[] = [];
  const phases: PhasePeaks[] = [];
  let resources = 0;
  let verdict = "";
  const runCheck = async (root: string, extraArgs: string[]) => {
    const args = [
      ...checkCommand(root),
      "--tenants",
      tenantsDir,
      ...extraArgs,
      "--format",
      "json",
      "--out",
      report,
    ];
    progress?.update(
      `${tenants} tenants, round ${round + 1} of ${rounds}: check ${root === repoRoot ? "" : `of ${root} `}${extraArgs.join(" ")}`.trimEnd(),
    );
    const run = await measure(root, args);
    // A pack of no policies judges nothing, which the check reports with exit 3 rather than a pass.
    const expected = extraArgs.includes(emptyPack) ? 3 : 0;
    if (run.code !== expected)
      throw new Error(`check in ${root} ${extraArgs.join(" ")} exited ${run.code}:\n${run.output}`);
    return { run, parsed: JSON.parse(fs.readFileSync(report, "utf8")) };
  };
  let round = 0;
  for (; round < rounds; round++) {
    const { run, parsed } = await runCheck(repoRoot, []);
    resources = parsed.summary.resources;
    verdict = `${parsed.summary.mandatoryViolations} mandatory / ${parsed.summary.advisoryViolations} advisory violations, ${parsed.quotaWarnings.length} quota warnings`;
    planSeconds.push(parsed.timings.planMs / 1000);
    phases.push(phasePeaks(run, parsed));
    fs.writeFileSync(floorResources, JSON.stringify(parsed.resources));
    runs.check.push(run);
    if (baseline) runs.baseline.push((await runCheck(baseline, [])).run);
    // The same check with a pack of no policies: the program plus what the Analyzer protocol and the policy SDK cost alone.
    runs.unjudged.push((await runCheck(repoRoot, ["--policy-pack", emptyPack])).run);
    progress?.update(`${tenants} tenants, round ${round + 1} of ${rounds}: SDK floor`);
    const floor = await measure(repoRoot, ["--require", "tsx/cjs", "bench/sdk-floor/run.ts"], {
      SDK_FLOOR_RESOURCES: floorResources,
    });
    if (floor.code !== 0) throw new Error(`sdk floor exited ${floor.code}:\n${floor.output}`);
    runs.floor.push(floor);
  }
  // The PR comment's size bound on this stack, through the CLI as the workflow runs it (once: it is
  // a size, not a time). The renderer's unit test proves the bound on a report fixture.
  const markdownFile = path.join(dir, "report.md");
  const markdownRun = await measure(repoRoot, [
    ...checkCommand(repoRoot),
    ...["--tenants", tenantsDir, "--format", "markdown", "--out", markdownFile],
  ]);
  if (markdownRun.code !== 0)
    throw new Error(`markdown check exited ${markdownRun.code}:\n${markdownRun.output}`);
  const markdownChars = fs.readFileSync(markdownFile, "utf8").length;
  fs.rmSync(dir, { recursive: true, force: true });
  const result = {
    tenants,
    resources,
    check: figures(runs.check),
    baseline: baseline ? figures(runs.baseline) : undefined,
    planSeconds: median(planSeconds),
    phases: highestPhasePeaks(phases),
    unjudged: figures(runs.unjudged),
    floor: figures(runs.floor),
    verdict,
    markdownChars,
  };
  console.log(
    `${String(tenants).padStart(5)} tenants  ${String(resources).padStart(6)} resources  check ${describeFigures(result.check)} (plan ${seconds(result.planSeconds)})` +
      (result.baseline
        ? `\n${" ".repeat(28)}baseline ${describeFigures(result.baseline)}  (${baseline})`
        : "") +
      `\n${" ".repeat(28)}no-policy pack ${seconds(result.unjudged.wallSeconds)}  SDK floor ${seconds(result.floor.wallSeconds)}, ${mb(result.floor.bothMb)}` +
      `  check/floor ${(result.check.wallSeconds / result.floor.wallSeconds).toFixed(2)}  (${verdict})` +
      `\n${" ".repeat(28)}peak RSS by phase, check process + pack: ${describePhases(result.phases)}` +
      `\n${" ".repeat(28)}markdown report ${markdownChars.toLocaleString("en-US")} characters`,
  );
  return result;
}

type Result = Awaited<ReturnType<typeof benchmark>>;

/** The commit a checkout is at (for the docs table's baseline), or "?" when it is not a git checkout. */
function gitHead(root: string): string {
  try {
    return execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

/** The docs/performance.md table of this run. */
function docsTable(results: readonly Result[], rounds: number, baseline?: string): string {
  const row = (label: string, r: Result, f: Figures) =>
    `| ${r.tenants.toLocaleString("en-US")} | ${r.resources.toLocaleString("en-US")} | ${label} | ${seconds(f.wallSeconds)} | ${seconds(f.cpuSeconds)} | ${mb(f.checkProcessMb)} | ${mb(f.packMb)} | ${mb(f.bothMb)} |`;
  return [
    `Written by \`npm run bench:plan -- --docs\` on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${os.cpus().length} cores, medians of ${rounds} round(s) (peaks: the highest), load average ${os.loadavg()[0].toFixed(1)} at the end${baseline ? `; baseline: ${path.basename(baseline)} at ${gitHead(baseline)}` : ""}.`,
    "",
    "| tenants | resources | run | wall | CPU | check process | pack | both at once |",
    "|---:|---:|---|---:|---:|---:|---:|---:|",
    ...results.flatMap((r) => [
      row("check", r, r.check),
      ...(r.baseline ? [row("baseline", r, r.baseline)] : []),
      row("no-policy pack", r, r.unjudged),
      row("SDK floor", r, r.floor),
    ]),
    "",
    "Peak RSS of the check by phase (check process + pack, and both at once): start-up until the plan starts, the plan (the program in its worker thread, the pack answering Analyze), the verdict (the worker ended, the pack's AnalyzeStack).",
    "",
    "| tenants | start-up | plan | verdict |",
    "|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.tenants.toLocaleString("en-US")} | ${phaseNames.map((name) => `${mb(r.phases[name].rootMb)} + ${mb(r.phases[name].childrenMb)} (${mb(r.phases[name].bothMb)})`).join(" | ")} |`,
    ),
  ].join("\n");
}

const usage = `Usage: npm run bench:plan -- [--tenants 100,1000] [--rounds 3] [--baseline DIR] [--docs] [--progress]

Times \`npm run check\` end to end on synthetic stacks of each size (medians of --rounds), with the
memory of each phase; --baseline DIR compares with another checkout, --docs writes the table to README.md;
--progress shows which run is under way on stderr (by default only on a terminal, not in CI).

Exit codes: 0 done, 2 a bad flag or value.
`;

async function main(): Promise<number> {
  const values = parseCli<{
    tenants: string;
    rounds: string;
    baseline?: string;
    docs: boolean;
    progress: boolean;
  }>("bench:plan", usage, {
    tenants: { type: "string", default: "100,1000" },
    rounds: { type: "string", default: "3" },
    baseline: { type: "string" },
    docs: { type: "boolean", default: false },
    progress: { type: "boolean", default: false },
  });
  if (typeof values === "number") return values;
  // Loaded only now: the check's renderer loads its report modules (seconds), and --help or a bad flag
  // should not wait for them.
  const { maxStackSectionChars } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("../tools/check/report/render-markdown") as typeof import("../tools/check/report/render-markdown");
  const sizes = values.tenants.split(",").map(Number);
  const rounds = Number(values.rounds);
  const baseline = values.baseline ? path.resolve(values.baseline) : undefined;
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write(`bench:plan: --tenants and --rounds take positive integers\n\n${usage}`);
    return 2;
  }
  console.log(
    `plan benchmark: node ${process.version}, ${os.cpus().length} cores, medians of ${rounds} round(s); check = npm run check end to end (program + policy verdict); CPU = user + system of the process tree`,
  );
  const results: Result[] = [];
  // Minutes of child processes: say which, on a terminal (tools/progress.ts).
  const progress = startProgress("bench:plan", { forced: values.progress });
  for (const size of sizes) results.push(await benchmark(size, rounds, baseline, progress));
  progress.stop();
  if (values.docs) writeDocsBlock("plan", docsTable(results, rounds, baseline));

  let failed = false;
  const verdict = (ok: boolean) => {
    failed ||= !ok;
    return ok ? "PASS" : "FAIL";
  };
  for (const result of results)
    console.log(
      `${result.tenants.toLocaleString("en-US")} tenants: markdown report ${result.markdownChars.toLocaleString("en-US")} characters (target <= ${maxStackSectionChars.toLocaleString("en-US")}) ${verdict(result.markdownChars <= maxStackSectionChars)}`,
    );
  const at1000 = results.find((result) => result.tenants === 1000);
  const at100 = results.find((result) => result.tenants === 100);
  if (at1000) {
    const { wallSeconds, bothMb, checkProcessMb, packMb } = at1000.check;
    console.log(
      `1,000 tenants: ${seconds(wallSeconds)} (target <= ${targets.wallSecondsAt1000} s) ${verdict(wallSeconds <= targets.wallSecondsAt1000)}`,
    );
    console.log(
      `1,000 tenants: peak RSS of check and pack at once ${mb(bothMb)} (check process ${mb(checkProcessMb)}, pack ${mb(packMb)}; target <= ${mb(targets.peakRssMbAt1000)}) ${verdict(bothMb <= targets.peakRssMbAt1000)}`,
    );
    const overFloor = wallSeconds / at1000.floor.wallSeconds;
    console.log(
      `1,000 tenants: check/floor ${overFloor.toFixed(2)} (target <= ${targets.overFloor}) ${verdict(overFloor <= targets.overFloor)}`,
    );
  }
  if (at1000 && at100) {
    const scale = at1000.check.wallSeconds / at100.check.wallSeconds;
    console.log(
      `time(1,000) / time(100): ${scale.toFixed(2)} (target <= ${targets.linearity}) ${verdict(scale <= targets.linearity)}`,
    );
  }
  return failed ? 1 : 0;
}

runCli("bench:plan", main, 2);
