import { performance } from "node:perf_hooks";
import type { PlannedResource } from "../plan/planned-resource";
import type { Violation } from "../report/check-report";
import type { AnalyzerClient } from "./analyzer-client";
import { toViolations } from "./protocol";
import {
  ProviderCache,
  analyzeRequestBytes,
  analyzeStackRequestBytes,
  analyzerResourceBytes,
} from "./requests";

/** When the last stack analysis's Analyze calls and its (concurrent) AnalyzeStack call were answered, and in all. */
export interface AnalysisTimings {
  resources: number;
  analyzeMs: number;
  analyzeStackMs: number;
  totalMs: number;
}

/**
 * One stack's analysis in progress (see `PolicyPackHost.beginStackAnalysis`): `add` sends each
 * resource's Analyze as soon as it is known (while the program is still registering the rest, so
 * the pack works on the other core), `finish` sends AnalyzeStack with the whole stack and collects
 * every diagnostic. A resource's provider must be added before it, as the engine registers it.
 * Each resource is encoded once, as it is added: its Analyze request is queued as bytes and its
 * AnalyzeStack entry kept as bytes, so neither the queue nor the stack holds an object graph per
 * resource.
 */
export class StackAnalysis {
  private readonly byUrn = new Map<string, PlannedResource>();
  private readonly providers = new ProviderCache(this.byUrn);
  private readonly stackEntries = new Map<string, Uint8Array>();
  private readonly results: Array<Promise<Violation[]>> = [];
  private queue: Array<{ urn: string; request: Uint8Array }> = [];
  private queueHead = 0;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private readonly startedAt = performance.now();
  private failure: unknown;

  constructor(
    private readonly client: AnalyzerClient,
    /** Analyze calls in flight at once over the one connection. */
    private readonly concurrency: number,
    private readonly onFinished: (timings: AnalysisTimings) => void,
  ) {}

  /** Sends the resource's Analyze (custom resources only; components are not analyzed one by one). */
  add(resource: PlannedResource): void {
    this.byUrn.set(resource.urn, resource);
    this.stackEntries.set(resource.urn, analyzerResourceBytes(resource, this.providers));
    if (resource.custom === false) return;
    this.queue.push({ urn: resource.urn, request: analyzeRequestBytes(resource, this.providers) });
    this.pump();
  }

  /**
   * Sends AnalyzeStack for the whole stack (the pack analyzes it while the last Analyze calls are
   * answered), waits for every Analyze, and returns all violations: per resource in the order
   * the resources were added, the stack's last.
   */
  async finish(resources: readonly PlannedResource[]): Promise<Violation[]> {
    for (const resource of resources) if (!this.byUrn.has(resource.urn)) this.add(resource);
    const elapsed = () => performance.now() - this.startedAt;
    const stackAnalyzed = this.analyzeStack(resources).then((violations) => ({ violations, ms: elapsed() }));
    stackAnalyzed.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const perResource = await this.settle();
    const analyzeMs = elapsed();
    const stack = await stackAnalyzed;
    this.onFinished({ resources: resources.length, analyzeMs, analyzeStackMs: stack.ms, totalMs: elapsed() });
    return [...perResource, ...stack.violations];
  }

  /** Waits for every Analyze sent so far. */
  private async settle(): Promise<Violation[]> {
    while (this.failure === undefined && (this.queueHead < this.queue.length || this.inFlight > 0)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
    return (await Promise.all(this.results)).flat();
  }

  /** AnalyzeStack with every resource of the stack, in the stack's order. */
  private async analyzeStack(resources: readonly PlannedResource[]): Promise<Violation[]> {
    const request = analyzeStackRequestBytes(
      resources.map((resource) => this.stackEntries.get(resource.urn) as Uint8Array),
    );
    this.stackEntries.clear();
    return toViolations(await this.client.analyzeStack(request));
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
