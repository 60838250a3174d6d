/**
 * The figures of the plan benchmark (bench/plan.bench.ts) from its measured runs: medians of time,
 * the highest peaks of memory, per phase of the check, and how they are written.
 */
import { median } from "./median";
import { type Measurement, peaksBetween } from "./process-tree";

export interface Figures {
  wallSeconds: number;
  cpuSeconds: number;
  checkProcessMb: number;
  packMb: number;
  bothMb: number;
}

/**
 * Where the check's memory goes, phase by phase, from the check's own timings: start-up (the pack
 * starting, modules loading), the plan (the program in its worker, the pack answering Analyze) and
 * the verdict (the worker gone, the pack's AnalyzeStack). The highest peaks of all rounds.
 */
export const phaseNames = ["start-up", "plan", "verdict"] as const;
export type PhasePeaks = Record<(typeof phaseNames)[number], ReturnType<typeof peaksBetween>>;

export function phasePeaks(
  run: Measurement,
  report: { durationMs: number; timings: { planMs: number; judgeAfterPlanMs: number } },
): PhasePeaks {
  const planEnd = (report.durationMs - report.timings.judgeAfterPlanMs) / 1000;
  const planStart = planEnd - report.timings.planMs / 1000;
  return {
    "start-up": peaksBetween(run.samples, 0, planStart),
    plan: peaksBetween(run.samples, planStart, planEnd),
    verdict: peaksBetween(run.samples, planEnd, Infinity),
  };
}

export function highestPhasePeaks(all: readonly PhasePeaks[]): PhasePeaks {
  const highest = (name: (typeof phaseNames)[number]) => ({
    rootMb: Math.max(...all.map((peaks) => peaks[name].rootMb)),
    childrenMb: Math.max(...all.map((peaks) => peaks[name].childrenMb)),
    bothMb: Math.max(...all.map((peaks) => peaks[name].bothMb)),
  });
  return { "start-up": highest("start-up"), plan: highest("plan"), verdict: highest("verdict") };
}

export const describePhases = (peaks: PhasePeaks) =>
  phaseNames
    .map(
      (name) =>
        `${name} ${mb(peaks[name].rootMb)} + ${mb(peaks[name].childrenMb)} (at once ${mb(peaks[name].bothMb)})`,
    )
    .join("; ");

/** Medians of time, the highest peaks of memory. */
export function figures(runs: readonly Measurement[]): Figures {
  return {
    wallSeconds: median(runs.map((run) => run.wallSeconds)),
    cpuSeconds: median(runs.map((run) => run.cpuSeconds)),
    checkProcessMb: Math.max(...runs.map((run) => run.rootPeakRssMb)),
    packMb: Math.max(...runs.map((run) => run.childrenPeakRssMb)),
    bothMb: Math.max(...runs.map((run) => run.treePeakRssMb)),
  };
}

export const seconds = (value: number) => `${value.toFixed(1)} s`;
export const mb = (value: number) => `${Math.round(value).toLocaleString("en-US")} MB`;
export const describeFigures = (f: Figures) =>
  `${seconds(f.wallSeconds)} wall, ${seconds(f.cpuSeconds)} CPU; peak RSS: check process ${mb(f.checkProcessMb)}, pack ${mb(f.packMb)}, both at once ${mb(f.bothMb)}`;
