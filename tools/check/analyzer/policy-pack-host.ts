import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { PlannedResource } from "../plan/planned-resource";
import type { Violation } from "../report/check-report";
import { AnalyzerClient } from "./analyzer-client";
import { type EngineLogEntry, EngineStub } from "./engine-stub";
import { PackProcess, type PackProcessOptions } from "./pack-process";
import {
  type EffectivePolicyConfig,
  type PolicyPackConfig,
  type PolicyPackInfo,
  effectivePolicyConfig,
} from "./policy-config";
import { type StackContext, configureRequest, configureStackRequest, toPackInfo } from "./protocol";
import { type AnalysisTimings, StackAnalysis } from "./stack-analysis";
import { StackEncoder } from "./stack-encoder";

export interface PolicyPackHostOptions extends PackProcessOptions {
  /** The policy pack directory (holds PulumiPolicy.yaml, package.json, index.ts). */
  packDir: string;
  /** Analyze calls in flight at once over the one connection. Default 128 (fewer left the pack waiting). */
  concurrency?: number;
}

/** A pack starting (`PolicyPackHost.starting`), and what stops its start. */
export interface PackStart {
  readonly host: Promise<PolicyPackHost>;
  readonly controller: AbortController;
}

/** How long each phase took, for benchmarks and reports. */
export interface HostTimings {
  /** From launch until the pack answered GetAnalyzerInfo and the default Configure. */
  startMs: number;
  lastAnalysis?: AnalysisTimings;
}

/**
 * Runs a policy pack the way the Pulumi CLI does (see PackProcess) and speaks the Analyzer gRPC
 * protocol to it: GetAnalyzerInfo, Configure (schema defaults + config), Analyze for each custom
 * resource, AnalyzeStack for the stack. The engine address it gives the pack is an Engine stub that
 * collects what the pack logs.
 */
export class PolicyPackHost {
  private configured: Record<string, EffectivePolicyConfig> = {};
  private closed = false;
  readonly timings: HostTimings = { startMs: 0 };

  private constructor(
    private readonly pack: PackProcess,
    private readonly engine: EngineStub,
    private readonly client: AnalyzerClient,
    /** Pack name, version and policies, from GetAnalyzerInfo. */
    readonly info: PolicyPackInfo,
    private readonly concurrency: number,
  ) {}

  /** Starts the pack, asks for its policies and configures it with their defaults. */
  /**
   * `start`, begun now and stoppable: the check starts the pack before it knows whether its input is
   * good, and a start it no longer needs is cut short (`controller.abort()`) rather than waited for.
   * The start's rejection is handled here; whoever awaits `host` still sees it.
   */
  static starting(options: PolicyPackHostOptions): PackStart {
    const controller = new AbortController();
    const host = PolicyPackHost.start({ ...options, signal: controller.signal });
    host.catch(() => undefined);
    return { host, controller };
  }

  static async start(options: PolicyPackHostOptions): Promise<PolicyPackHost> {
    const startedAt = performance.now();
    const packDir = path.resolve(options.packDir);
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
      throw new Error(`${packDir} is not a policy pack: it has no PulumiPolicy.yaml`);
    }
    const engine = await EngineStub.start();
    let pack: PackProcess | undefined;
    let client: AnalyzerClient | undefined;
    try {
      const launched = await PackProcess.launch(packDir, engine.address, options);
      pack = launched.pack;
      options.signal?.throwIfAborted();
      const stderrLines = () => launched.pack.stderrLines;
      client = new AnalyzerClient(launched.port, stderrLines);
      const info = toPackInfo(await client.getAnalyzerInfo());
      const host = new PolicyPackHost(pack, engine, client, info, options.concurrency ?? 128);
      await host.configure();
      host.timings.startMs = performance.now() - startedAt;
      return host;
    } catch (error) {
      client?.close();
      pack?.kill();
      await engine.close();
      throw error;
    }
  }

  /** What the pack logged through the engine (warnings of policies that skipped a resource, ...). */
  get logs(): readonly EngineLogEntry[] {
    return this.engine.logs;
  }

  /** The pack's stderr so far (start-up errors, uncaught exceptions). */
  get stderr(): string {
    return this.pack.stderr;
  }

  /** The level and settings each policy runs with, as last sent by Configure. */
  get effectiveConfig(): Readonly<Record<string, EffectivePolicyConfig>> {
    return this.configured;
  }

  /**
   * Sends Configure: every policy's level and settings, schema defaults filled in (as the CLI does).
   * `config` is what `parsePolicyConfig` read from a `--policy-pack-config` file.
   */
  async configure(config: PolicyPackConfig = {}): Promise<void> {
    const effective = effectivePolicyConfig(this.info, config);
    await this.client.configure(configureRequest(effective));
    this.configured = effective;
  }

  /** Sends ConfigureStack: the stack's name, project and tags (policies see the tags as `stackTags`). */
  async configureStack(context: StackContext): Promise<void> {
    await this.client.configureStack(configureStackRequest(context));
  }

  /**
   * Analyzes a planned stack whose resources are all known, by the check's own path: encoded to
   * bytes (stack-encoder.ts), Analyze for every custom resource (concurrently, bounded), then one
   * AnalyzeStack with every resource. Violations come back in resource order, stack ones last.
   */
  async analyze(resources: readonly PlannedResource[]): Promise<Violation[]> {
    const analysis = this.beginStackAnalysis();
    const encoder = new StackEncoder();
    encoder.addAll(resources, (urn, request) => analysis.analyze(urn, request));
    analysis.analyzeStack(encoder.stackRequest(resources.map((resource) => resource.urn)));
    return analysis.finish(resources.length);
  }

  /** A stack analysis to stream resources to as they are planned (see StackAnalysis). */
  beginStackAnalysis(): StackAnalysis {
    return new StackAnalysis(this.client, this.concurrency, (timings) => {
      this.timings.lastAnalysis = timings;
    });
  }

  /** Stops the pack (always, also after errors) and the engine stub. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
    await this.pack.stop();
    await this.engine.close();
  }
}
