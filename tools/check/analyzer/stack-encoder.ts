/**
 * One stack's Analyzer requests, encoded as its resources arrive: each resource's `AnalyzeRequest`
 * is handed back at once (to be sent), its `AnalyzeStack` entry kept as bytes until the stack is
 * complete. It needs nothing but the resources, so it runs wherever they are: in the program's
 * worker thread for `npm run check` (program/program-worker.ts), whose heap is given back before
 * the pack's `AnalyzeStack`, or beside the Analyzer client for a stack export and the tests.
 */
import type { PlannedResource } from "../plan/planned-resource";
import {
  ProviderCache,
  analyzeRequestBytes,
  analyzeStackRequestBytes,
  analyzerResourceBytes,
} from "./requests";

export class StackEncoder {
  /** Only providers are looked up by URN (each resource's `provider` reference names one). */
  private readonly providerResources = new Map<string, PlannedResource>();
  private readonly providers = new ProviderCache(this.providerResources);
  private readonly stackEntries = new Map<string, Uint8Array>();

  has(urn: string): boolean {
    return this.stackEntries.has(urn);
  }

  /**
   * Encodes `resource`'s AnalyzeStack entry (kept) and returns its Analyze request; undefined for
   * a component, which the engine does not analyze on its own. A resource's provider must be added
   * before it, as the engine registers it.
   */
  add(resource: PlannedResource): Uint8Array | undefined {
    if (resource.type.startsWith("pulumi:providers:")) this.providerResources.set(resource.urn, resource);
    this.stackEntries.set(resource.urn, analyzerResourceBytes(resource, this.providers));
    return resource.custom === false ? undefined : analyzeRequestBytes(resource, this.providers);
  }

  /**
   * Adds resources already known (a stack export, the tests, the benches) in order, handing each
   * Analyze request to `send` as the program's worker does resource by resource.
   */
  addAll(resources: readonly PlannedResource[], send: (urn: string, request: Uint8Array) => void): void {
    for (const resource of resources) {
      const request = this.add(resource);
      if (request) send(resource.urn, request);
    }
  }

  /**
   * The AnalyzeStack request: the entries of `order` (URNs, each added), in that order. The entries
   * are let go of: the request is the one copy left.
   */
  stackRequest(order: readonly string[]): Uint8Array {
    const request = analyzeStackRequestBytes(order.map((urn) => this.stackEntries.get(urn) as Uint8Array));
    this.stackEntries.clear();
    return request;
  }
}
