import { spawn } from "node:child_process";
import * as fs from "node:fs";

/** One run of a command: its wall time, CPU time and memory, the process it starts and its descendants apart. */
export interface Measurement {
  wallSeconds: number;
  /** User + system CPU of the whole tree, summed from /proc (sampled every 50 ms, so a last slice may be missed). */
  cpuSeconds: number;
  /** Peak RSS of the process started (for the check: the CLI, its worker threads included). */
  rootPeakRssMb: number;
  /** Peak RSS of its descendants at any one moment (for the check: the policy pack). */
  childrenPeakRssMb: number;
  /** Peak of the sum of all at the same moment: what the machine had to hold. */
  treePeakRssMb: number;
  /** Every sample: seconds since the start, RSS of the process started and of its descendants. */
  samples: RssSample[];
  output: string;
  code: number | null;
}

export interface RssSample {
  atSeconds: number;
  rootMb: number;
  childrenMb: number;
}

/** The peaks of the samples from `fromSeconds` until `toSeconds`, each apart and of both at once. */
export function peaksBetween(samples: readonly RssSample[], fromSeconds: number, toSeconds: number) {
  const peaks = { rootMb: 0, childrenMb: 0, bothMb: 0 };
  for (const { atSeconds, rootMb, childrenMb } of samples) {
    if (atSeconds < fromSeconds || atSeconds > toSeconds) continue;
    peaks.rootMb = Math.max(peaks.rootMb, rootMb);
    peaks.childrenMb = Math.max(peaks.childrenMb, childrenMb);
    peaks.bothMb = Math.max(peaks.bothMb, rootMb + childrenMb);
  }
  return peaks;
}

const clockTicks = 100; // USER_HZ: /proc/<pid>/stat counts CPU in 1/100 s on Linux

/** Runs `node args` in `cwd` and samples its process tree from /proc every 50 ms. */
export function measure(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const peaks = { root: 0, children: 0, tree: 0 };
    const samples: RssSample[] = [];
    const cpuTicks = new Map<number, number>();
    const sample = () => {
      const tree = processTree(child.pid!);
      let childrenKb = 0;
      let rootKb = 0;
      for (const { pid, rssKb, ticks } of tree) {
        cpuTicks.set(pid, ticks);
        if (pid === child.pid) rootKb = rssKb;
        else childrenKb += rssKb;
      }
      peaks.root = Math.max(peaks.root, rootKb);
      peaks.children = Math.max(peaks.children, childrenKb);
      peaks.tree = Math.max(peaks.tree, rootKb + childrenKb);
      const atSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      samples.push({ atSeconds, rootMb: rootKb / 1024, childrenMb: childrenKb / 1024 });
    };
    const sampler = setInterval(sample, 50);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sampler);
      const ticks = [...cpuTicks.values()].reduce((sum, value) => sum + value, 0);
      resolve({
        wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
        cpuSeconds: ticks / clockTicks,
        rootPeakRssMb: peaks.root / 1024,
        childrenPeakRssMb: peaks.children / 1024,
        treePeakRssMb: peaks.tree / 1024,
        samples,
        output,
        code,
      });
    });
  });
}

/** `pid` and its descendants: RSS and CPU ticks so far (utime + stime) of each. */
function processTree(pid: number): Array<{ pid: number; rssKb: number; ticks: number }> {
  const result: Array<{ pid: number; rssKb: number; ticks: number }> = [];
  try {
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    result.push({ pid, rssKb, ticks: Number(fields[11]) + Number(fields[12]) });
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) result.push(...processTree(Number(child)));
    }
  } catch {
    // the process ended between reads
  }
  return result;
}
