/**
 * Plans the stack in a worker thread (worker-plan.ts): the program's run, the encoding of its
 * Analyzer requests, the preflight and the plan's summaries. The main thread receives the Analyze
 * requests as they are encoded, then the concluded plan with the AnalyzeStack request, and ends
 * the worker before it sends that, which returns the worker's whole heap.
 *
 * Why: the SDK's objects for a thousand tenants (resources, Outputs, promises, the mock monitor's
 * state) and the planned resources fill a large heap. Released in the main thread,
 * V8 keeps those pages mapped long after collecting them, and the check's process stayed at that
 * size while the pack worked through AnalyzeStack, its own peak. A worker's isolate is torn down
 * whole. The main thread so never loads the SDK itself, nor parses the tenant files.
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import * as path from "node:path";
import type { InputError } from "../../../src/validation";
import type { RequestSink } from "../analyzer/stack-analysis";
import { loadLater, programWorkerLimits, programWorkerSource } from "../performance";
import type { PlannedStack } from "./planned-stack";
import type { ValidatedInputs, WorkerMessage, WorkerPlanOptions } from "./worker-plan";

export type { WorkerPlanOptions } from "./worker-plan";

/**
 * Plans the stack of `options` in a worker; `onValidated` gets what the main thread needs of the
 * validated inputs before the program runs; `sink` each custom resource's Analyze request (bytes),
 * in registration order, as the program registers it, then the AnalyzeStack request. Bad input comes back as `errors`;
 * a failing program rejects with its own error's name and message.
 */
export function planInWorker(
  options: WorkerPlanOptions,
  sink: RequestSink,
  onValidated: (validated: ValidatedInputs) => void = () => undefined,
): Promise<PlannedStack | { errors: InputError[] }> {
  // tsx is registered in the worker as in the main thread (under mocha it is not in execArgv).
  const worker = new Worker(programWorkerSource(__filename), {
    eval: true,
    workerData: { ...options, programDir: path.resolve(options.programDir) },
    resourceLimits: programWorkerLimits,
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    // Settled once the worker has ended, so its heap is given back before the caller goes on.
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate().then(outcome, outcome);
    };
    worker.on("message", (message: WorkerMessage) => {
      if ("validated" in message) onValidated(message.validated);
      else if ("analyze" in message) {
        const { urns, ends, bytes } = message.analyze;
        urns.forEach((urn, index) =>
          sink.analyze(urn, bytes.subarray(index === 0 ? 0 : ends[index - 1], ends[index])),
        );
      } else if ("analyzeStack" in message) sink.analyzeStack(message.analyzeStack);
      else if ("planned" in message) settle(() => resolve(message.planned));
      else if ("errors" in message) settle(() => resolve({ errors: message.errors }));
      else
        settle(() => reject(Object.assign(new Error(message.failed.message), { name: message.failed.name })));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`the program's worker exited (code ${code})`))),
    );
  });
}

/** The worker's side: plan, and report a failure as the program's own error. */
function serve(): void {
  const { planStack } = loadLater.workerPlan();
  const port = parentPort!;
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  planStack(workerData as WorkerPlanOptions, post).catch((error: unknown) => {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    post({ failed: { name, message } });
  });
}

if (!isMainThread && parentPort) serve();
