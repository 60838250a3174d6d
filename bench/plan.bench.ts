import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { writeSyntheticTenants } from "./synthetic-tenants";
import { median } from "./median";

/**
 * Plan benchmark: N synthetic tenants checked end to end by the real `npm run check` entry point
 * (program under mocks + policy verdict), against the SDK floor in the same run.
 *
 *   npm run bench:plan -- --tenants 100,1000 --rounds 3
 */
const repoRoot = path.resolve(__dirname, "..");
const targets = { wallSecondsAt1000: 60, peakRssGbAt1000: 3, linearity: 11, overFloor: 1.5 };

interface Measurement {
  wallSeconds: number;
  peakRssMb: number;
  output: string;
  code: number | null;
}

/** Wall time and peak RSS of a command and every process it starts (the pack runs in a child), sampled from /proc. */
function measure(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let peakKb = 0;
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(child.pid!))), 50);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sampler);
      resolve({
        wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
        peakRssMb: peakKb / 1024,
        output,
        code,
      });
    });
  });
}

function treeRssKb(pid: number): number {
  let total = 0;
  try {
    total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) total += treeRssKb(Number(child));
    }
  } catch {
    // the process ended between reads
  }
  return total;
}

/** `npm run check` as package.json spells it (node flags included), run without npm in between. */
const checkCommand: string[] = (() => {
  const script: string = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts
    .check;
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== "node") throw new Error(`package.json's check script does not start with node: ${script}`);
  return args;
})();

const emptyPack = path.join(repoRoot, "bench", "empty-pack");

async function benchmark(tenants: number, rounds: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bcg-bench-${tenants}-`));
  const tenantsDir = path.join(dir, "tenants");
  writeSyntheticTenants(tenantsDir, tenants, ["shared-ai", "claims-ai"]);
  const report = path.join(dir, "report.json");
  const floorResources = path.join(dir, "floor-resources.json");
  const checks: Measurement[] = [];
  const unjudged: Measurement[] = [];
  const floors: Measurement[] = [];
  const planSeconds: number[] = [];
  let resources = 0;
  let verdict = "";
  const runCheck = async (extraArgs: string[]) => {
    const run = await measure([
      ...checkCommand,
      "--tenants",
      tenantsDir,
      ...extraArgs,
      "--format",
      "json",
      "--out",
      report,
    ]);
    // A pack of no policies judges nothing, which the check reports with exit 3 rather than a pass.
    const expected = extraArgs.includes(emptyPack) ? 3 : 0;
    if (run.code !== expected)
      throw new Error(`check ${extraArgs.join(" ")} exited ${run.code}:\n${run.output}`);
    return { run, parsed: JSON.parse(fs.readFileSync(report, "utf8")) };
  };
  for (let round = 0; round < rounds; round++) {
    const { run, parsed } = await runCheck([]);
    resources = parsed.summary.resources;
    verdict = `${parsed.summary.mandatoryViolations} mandatory / ${parsed.summary.advisoryViolations} advisory violations, ${parsed.quotaWarnings.length} quota warnings`;
    planSeconds.push(parsed.timings.planMs / 1000);
    fs.writeFileSync(floorResources, JSON.stringify(parsed.resources));
    checks.push(run);
    // The same check with a pack of no policies: the program plus what the Analyzer protocol and the policy SDK cost alone.
    unjudged.push((await runCheck(["--policy-pack", emptyPack])).run);
    const floor = await measure(["--require", "tsx/cjs", "bench/sdk-floor/run.ts"], {
      SDK_FLOOR_RESOURCES: floorResources,
    });
    if (floor.code !== 0) throw new Error(`sdk floor exited ${floor.code}:\n${floor.output}`);
    floors.push(floor);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const result = {
    tenants,
    resources,
    checkSeconds: median(checks.map((run) => run.wallSeconds)),
    checkPeakRssMb: Math.max(...checks.map((run) => run.peakRssMb)),
    planSeconds: median(planSeconds),
    emptyPackSeconds: median(unjudged.map((run) => run.wallSeconds)),
    floorSeconds: median(floors.map((run) => run.wallSeconds)),
    floorPeakRssMb: Math.max(...floors.map((run) => run.peakRssMb)),
    verdict,
  };
  const seconds = (value: number) => `${value.toFixed(1).padStart(5)} s`;
  console.log(
    `${String(tenants).padStart(5)} tenants  ${String(resources).padStart(6)} resources  check ${seconds(result.checkSeconds)} (plan ${seconds(result.planSeconds)})  peak RSS ${result.checkPeakRssMb.toFixed(0).padStart(5)} MB` +
      `  | no-policy pack ${seconds(result.emptyPackSeconds)}  | SDK floor ${seconds(result.floorSeconds)}, ${result.floorPeakRssMb.toFixed(0)} MB` +
      `  | check/floor ${(result.checkSeconds / result.floorSeconds).toFixed(2)}, no-policy/floor ${(result.emptyPackSeconds / result.floorSeconds).toFixed(2)}  (${verdict})`,
  );
  return result;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { tenants: { type: "string", default: "100,1000" }, rounds: { type: "string", default: "3" } },
    strict: true,
  });
  const sizes = values.tenants.split(",").map(Number);
  const rounds = Number(values.rounds);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(rounds) || rounds < 1) {
    console.error("usage: npm run bench:plan -- [--tenants 100,1000] [--rounds 3]");
    return 2;
  }
  console.log(
    `plan benchmark: node ${process.version}, ${os.cpus().length} cores, medians of ${rounds} round(s); check = npm run check end to end (program + policy verdict)`,
  );
  const results = [];
  for (const size of sizes) results.push(await benchmark(size, rounds));

  let failed = false;
  const verdict = (ok: boolean) => {
    failed ||= !ok;
    return ok ? "PASS" : "FAIL";
  };
  const at1000 = results.find((result) => result.tenants === 1000);
  const at100 = results.find((result) => result.tenants === 100);
  if (at1000) {
    console.log(
      `1,000 tenants: ${at1000.checkSeconds.toFixed(1)} s (target <= ${targets.wallSecondsAt1000} s) ${verdict(at1000.checkSeconds <= targets.wallSecondsAt1000)}`,
    );
    console.log(
      `1,000 tenants: peak RSS ${(at1000.checkPeakRssMb / 1024).toFixed(2)} GB (target <= ${targets.peakRssGbAt1000} GB) ${verdict(at1000.checkPeakRssMb / 1024 <= targets.peakRssGbAt1000)}`,
    );
    const overFloor = at1000.checkSeconds / at1000.floorSeconds;
    console.log(
      `1,000 tenants: check/floor ${overFloor.toFixed(2)} (target <= ${targets.overFloor}) ${verdict(overFloor <= targets.overFloor)}`,
    );
    const emptyOverFloor = at1000.emptyPackSeconds / at1000.floorSeconds;
    if (emptyOverFloor > targets.overFloor)
      console.log(
        `1,000 tenants: with a pack of no policies the check already takes ${emptyOverFloor.toFixed(2)}x the floor: the program and the Analyzer protocol alone exceed ${targets.overFloor}x`,
      );
  }
  if (at1000 && at100) {
    const scale = at1000.checkSeconds / at100.checkSeconds;
    console.log(
      `time(1,000) / time(100): ${scale.toFixed(2)} (target <= ${targets.linearity}) ${verdict(scale <= targets.linearity)}`,
    );
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(String(error instanceof Error ? error.message : error));
    process.exit(2);
  },
);
