import * as v8 from "node:v8";
import * as vm from "node:vm";

/**
 * Runs `wait` while collecting the check's garbage every `everyMs`. While the pack decodes and judges
 * AnalyzeStack, the check's main thread only waits, and an idle V8 heap does not collect: the
 * request's bytes (ours, and the copy grpc-js framed) and the Analyze answers stay in RSS beside the
 * pack's own peak. Collecting then costs little (the thread's live heap is small) and lets the two
 * processes together stay within what the machine must hold (docs/performance.md).
 */
export async function collectWhileWaiting<T>(wait: Promise<T>, everyMs = 500): Promise<T> {
  const collect = garbageCollector();
  const timer = setInterval(collect, everyMs);
  try {
    return await wait;
  } finally {
    clearInterval(timer);
  }
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
