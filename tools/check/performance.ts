/**
 * The check's performance machinery, in one place: which modules load late, the program worker's
 * heap limits, the pack's heap flags and the collections forced while the check waits on the pack.
 * None of it changes what the check decides; each is measured in docs/performance.md. The rest of
 * the check (check.ts: input → plan → judge → report) reads these names, not the reasons.
 */
import Module from "node:module";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import type { ResourceLimits } from "node:worker_threads";

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Modules loaded only when they are used. The CLI answers --help and flag errors without the
 * program's dependencies (seconds to load), and starts the pack's process before it loads the
 * check's, so the two overlap; the main thread of a program's check never loads the SDK or the
 * tenant files (the worker does), nor what only a stack export needs.
 */
export const loadLater = {
  policyPackHost: () =>
    require("./analyzer/policy-pack-host") as typeof import("./analyzer/policy-pack-host"),
  check: () => require("./check") as typeof import("./check"),
  stackExportPlan: () =>
    require("./program/stack-export-plan") as typeof import("./program/stack-export-plan"),
  workerPlan: () => require("./program/worker-plan") as typeof import("./program/worker-plan"),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The source a program worker starts from: it loads `entry` with tsx for TypeScript (the check's
 * and the program's) but the packages' JavaScript with node's own loader, and with source maps off.
 * tsx reads every `.js` file that mentions `import` or `export` (all compiled CommonJS does, as
 * `exports`) through an ES module lexer to decide whether to transform it, and node records the
 * source map of each module while source maps are on; the worker loads about 1,350 modules, nearly
 * all of them packages' JavaScript, and reports a program's failure by its name and message, never
 * a stack. Measured loading the worker's modules alone: 2.7 s of CPU, 1.5 s this way.
 */
export function programWorkerSource(entry: string): string {
  return [
    `const nativeJs = require("node:module")._extensions[".js"];`,
    `require("tsx/cjs");`,
    `require(${JSON.stringify(__filename)}).loadPackagesNatively(nativeJs);`,
    `process.setSourceMapsEnabled(false);`,
    `require(${JSON.stringify(entry)});`,
  ].join("\n");
}

type LoadJs = (module: unknown, filename: string) => void;

/** Routes `.js` files under node_modules (`.cjs` too: node loads them as `.js`) to `nativeJs`. */
export function loadPackagesNatively(
  nativeJs: LoadJs,
  extensions = (Module as unknown as { _extensions: Record<string, LoadJs> })._extensions,
): void {
  const registered = extensions[".js"];
  const packages = `${path.sep}node_modules${path.sep}`;
  extensions[".js"] = function (this: unknown, module, filename) {
    return (filename.includes(packages) ? nativeJs : registered).call(this, module, filename);
  };
}

/**
 * The program makes short-lived objects for every resource (Outputs, promises, protobuf messages):
 * a young generation of 3 × 64 MB semi-spaces lets them die young instead of being promoted and
 * collected again in old space. Only the program's worker gets it; the main thread, which only
 * sends requests, keeps the default and so a smaller heap.
 */
export const programWorkerLimits: ResourceLimits = { maxYoungGenerationSizeMb: 3 * 64 };

/**
 * The pack keeps node's default young generation (the larger semi-space the program's worker has
 * bought it no CPU time and cost it peak RSS), and grows its old generation by a fixed factor of 2
 * (V8's own factor varies with how fast it collects). It grew by 20% while AnalyzeStack's request
 * decoded by google-protobuf (about 670 MB) made the pack's peak: slow growth collected each stack
 * policy's copies before they piled up, at 5-9 s of CPU. Read lazily (pack-lazy-requests.cjs), the
 * request leaves the pack at about 0.65 GB, and the 20% only bought collections: at 1,000 tenants,
 * two interleaved pairs and one more run each, 56.6-61.4 s of CPU and 33.3-35.8 s wall against
 * 60.6-69.8 s and 35.0-41.2 s, the pack's peak 711-720 MB against 628-638 MB, both processes at
 * once 1,353-1,401 MB against 1,310-1,328 MB (docs/performance.md). A growth factor, not a cap: a
 * larger stack still gets the heap it needs.
 */
export const packHeapFlags = ["--heap-growing-percent=100"];

/**
 * The pack's node flags: its heap flags, and a preload that changes how the policy SDK's Analyze and
 * AnalyzeStack requests are read, not what its policies see (analyzer/pack-lazy-requests.cjs says
 * why that holds; hooks in sdk-internals.ts check what it relies on): lazily, from their bytes, each
 * resource's properties converted to JavaScript once, instead of into a google-protobuf object per
 * value and then converted again for each policy. At 1,000 tenants the policy SDK spent about 4.7 s
 * of the pack's CPU converting Analyze requests, mostly the same Struct again, and the decoded
 * AnalyzeStack request was about 670 MB of the pack's heap at its peak.
 */
export const packNodeFlags = [
  ...packHeapFlags,
  "--require",
  path.join(__dirname, "analyzer", "pack-lazy-requests.cjs"),
];

/**
 * Runs `wait` while collecting the check's garbage, every `everyMs` while collections give memory
 * back. While the pack decodes and judges AnalyzeStack, the check's main thread only waits, and an
 * idle V8 heap does not collect: the request's bytes (ours, and the copy grpc-js framed) and the
 * Analyze answers stay in RSS beside the pack's own peak. Collecting then costs little (the thread's
 * live heap is small) and lets the two processes together stay within what the machine must hold
 * (docs/performance.md). Once the request is sent nothing new becomes garbage, yet a full collection
 * still costs a tenth of a second or more: a collection that gives back less than `littleBytes`
 * doubles the wait before the next (up to `longestMs`), one that gives back more restores `everyMs`.
 * At 1,000 tenants, collecting every 500 ms for the whole verdict cost the check process about
 * 1.3 s of CPU every 5 s, on the core the pack's own collector also uses.
 */
export async function collectWhileWaiting<T>(
  wait: Promise<T>,
  everyMs = 500,
  { longestMs = 8000, littleBytes = 4 * 1024 * 1024 } = {},
): Promise<T> {
  const collect = garbageCollector();
  let delayMs = everyMs;
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    const before = heldBytes();
    collect();
    delayMs = before - heldBytes() < littleBytes ? Math.min(delayMs * 2, longestMs) : everyMs;
    timer = setTimeout(next, delayMs);
  };
  timer = setTimeout(next, delayMs);
  try {
    return await wait;
  } finally {
    clearTimeout(timer);
  }
}

/** What the thread's heap holds, with the buffers outside it (the requests' bytes are those). */
function heldBytes(): number {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

let gc: (() => void) | undefined;

/** V8's `gc`, exposed at run time as node's v8.setFlagsFromString documentation shows, once. */
function garbageCollector(): () => void {
  if (!gc) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  }
  return gc;
}
