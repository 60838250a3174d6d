import { performance } from "node:perf_hooks";
import type { Violation } from "../report/check-report";
import type { AnalyzerClient } from "./analyzer-client";
import { collectWhileWaiting } from "../performance";
import type { RequestBytes } from "./analyzer-client";
import { toViolations } from "./protocol";

/**
 * Where a plan's Analyzer requests go, already encoded (stack-encoder.ts): each custom resource's
 * Analyze as soon as it is known, then the stack's AnalyzeStack once, unless the plan was refused.
 * Once handed over, the bytes belong to the analyzer; the plan keeps none of them.
 */
export interface RequestSink {
  analyze(urn: string, request: Uint8Array): void;
  analyzeStack(request: Uint8Array): void;
}

/** When the last stack analysis's Analyze calls, then its AnalyzeStack call, were answered, and in all. */
export interface AnalysisTimings {
  resources: number;
  analyzeMs: number;
  analyzeStackMs: number;
  totalMs: number;
}

/**
 * One stack's analysis in progress (see `PolicyPackHost.beginStackAnalysis`): each resource's
 * Analyze is sent as soon as it is known (while the program is still registering the rest, so the
 * pack works on the other core), then AnalyzeStack with the whole stack, and every diagnostic is
 * collected. Requests arrive as bytes only, encoded where the resources are (stack-encoder.ts: in
 * the program's worker for the check, beside the client for a stack export, the tests and the
 * benches): one path for all of them.
 */
export class StackAnalysis implements RequestSink {
  private readonly results: Array<Promise<Violation[]>> = [];
  private queue: Array<{ urn: string; request: Uint8Array }> = [];
  private queueHead = 0;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private readonly startedAt = performance.now();
  private failure: unknown;
  /** The AnalyzeStack request, held until `finish` sends it; the sender empties the holder. */
  private readonly stackRequest: RequestBytes = {};

  constructor(
    private readonly client: AnalyzerClient,
    /** Analyze calls in flight at once over the one connection. */
    private readonly concurrency: number,
    private readonly onFinished: (timings: AnalysisTimings) => void,
  ) {}

  /** Sends an Analyze request already encoded (an `AnalyzeRequest`'s bytes) for the resource `urn`. */
  analyze(urn: string, request: Uint8Array): void {
    this.queue.push({ urn, request });
    this.pump();
  }

  /** Takes the AnalyzeStack request (an `AnalyzeStackRequest`'s bytes), sent by `finish`. */
  analyzeStack(request: Uint8Array): void {
    this.stackRequest.bytes = request;
  }

  /**
   * Waits for every Analyze, then sends AnalyzeStack (of `resources` resources), and returns all
   * violations: per resource in the order they were sent, the stack's last.
   */
  async finish(resources: number): Promise<Violation[]> {
    if (!this.stackRequest.bytes)
      throw new Error("the stack analysis was finished without its AnalyzeStack request");
    const elapsed = () => performance.now() - this.startedAt;
    // As the engine does, AnalyzeStack goes once every Analyze is answered: the pack, one thread,
    // would not judge them any sooner side by side, and it decodes the whole stack (its peak of
    // memory) with no Analyze work of its own in the heap, nor queued requests in the check's.
    const perResource = await this.settle();
    const analyzeMs = elapsed();
    const stackViolations = toViolations(
      await collectWhileWaiting(this.client.analyzeStack(this.stackRequest)),
    );
    const analyzeStackMs = elapsed();
    this.onFinished({ resources, analyzeMs, analyzeStackMs, totalMs: elapsed() });
    return [...perResource, ...stackViolations];
  }

  /** Waits for every Analyze sent so far. */
  private async settle(): Promise<Violation[]> {
    while (this.failure === undefined && (this.queueHead < this.queue.length || this.inFlight > 0)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
    return (await Promise.all(this.results)).flat();
  }

  /** Keeps up to `concurrency` Analyze calls in flight over the one connection. */
  private pump(): void {
    while (
      this.inFlight < this.concurrency &&
      this.queueHead < this.queue.length &&
      this.failure === undefined
    ) {
      const { urn, request } = this.queue[this.queueHead];
      // Sent requests are let go of; the array itself is compacted now and then.
      this.queue[this.queueHead++] = undefined as never;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      this.inFlight += 1;
      const analyzed = this.client.analyze(request).then(
        (response) => toViolations(response, urn),
        (error: unknown) => {
          this.failure ??= error;
          return [];
        },
      );
      this.results.push(analyzed);
      void analyzed.then(() => {
        this.inFlight -= 1;
        this.pump();
        for (const wake of this.waiters.splice(0)) wake();
      });
    }
  }
}
