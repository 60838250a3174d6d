/**
 * Runs the program (program-runner.ts) in a worker thread and streams what it registers to the
 * main thread, so that when the program is done, ending the worker returns its whole heap.
 *
 * Why: the SDK's objects for a thousand tenants (resources, Outputs, promises, the mock monitor's
 * state) fill a large heap while the program runs. Released in the main thread, V8
 * keeps those pages mapped long after collecting them, and the check's process stayed at that size
 * while the pack worked through AnalyzeStack, its own peak. A worker's isolate is torn down whole.
 */
import * as path from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { PlannedResource } from "../plan/planned-resource";
import type { ProgramRunOptions } from "./program-runner";

type WorkerMessage =
  { resources: PlannedResource[] } | { done: true } | { failed: { name: string; message: string } };

/**
 * The program makes short-lived objects for every resource (Outputs, promises, protobuf messages):
 * a young generation of 3 × 64 MB semi-spaces lets them die young instead of being promoted and
 * collected again in old space. Only the worker gets it; the main thread, which only encodes
 * requests, keeps the default and so a smaller heap.
 */
const maxYoungGenerationSizeMb = 3 * 64;

/** Runs the program in a worker; `onResource` sees each registration, in order, as it arrives. */
export function runProgramInWorker(options: ProgramRunOptions): Promise<PlannedResource[]> {
  const { onResource, ...data } = options;
  // tsx is registered in the worker as in the main thread (under mocha it is not in execArgv).
  const source = `require("tsx/cjs"); require(${JSON.stringify(__filename)});`;
  const worker = new Worker(source, {
    eval: true,
    workerData: data,
    resourceLimits: { maxYoungGenerationSizeMb },
  });
  const resources: PlannedResource[] = [];
  return new Promise<PlannedResource[]>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    worker.on("message", (message: WorkerMessage) => {
      if ("resources" in message) {
        for (const resource of message.resources) {
          resources.push(resource);
          onResource?.(resource);
        }
      } else if ("done" in message) settle(() => resolve(resources));
      else
        settle(() => reject(Object.assign(new Error(message.failed.message), { name: message.failed.name })));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`the program's worker exited (code ${code})`))),
    );
  });
}

/** The worker's side: run, send registrations in batches (one message per turn of the event loop). */
function serve(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runProgram } = require("./program-runner") as typeof import("./program-runner");
  const port = parentPort!;
  let batch: PlannedResource[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (batch.length > 0) port.postMessage({ resources: batch });
    batch = [];
  };
  const options = workerData as Omit<ProgramRunOptions, "onResource">;
  runProgram({
    ...options,
    programDir: path.resolve(options.programDir),
    onResource: (resource) => {
      batch.push(resource);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  }).then(
    () => {
      flush();
      port.postMessage({ done: true });
    },
    (error: unknown) => {
      flush();
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ failed: { name, message } });
    },
  );
}

if (!isMainThread && parentPort) serve();
