import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { type EngineLogEntry, EngineStub } from "./engine-stub";
import { encodeStruct, repeatedField, withField } from "./analyzer-wire";
import { type PlannedResource, UNKNOWN, secretSignature, signatureKey } from "./planned-resource";
import {
  type EffectivePolicyConfig,
  type JsonSchema,
  type PolicyInfo,
  type PolicyPackConfig,
  type PolicyPackInfo,
  effectivePolicyConfig,
  parsePolicyConfig,
} from "./policy-config";
import type { EnforcementLevel, Violation } from "./report";

export { parsePolicyConfig };
export type { PolicyInfo, PolicyPackConfig, PolicyPackInfo };

export interface PolicyPackHostOptions {
  /** The policy pack directory (holds PulumiPolicy.yaml, package.json, index.ts). */
  packDir: string;
  /** Parsed JSON in the `--policy-pack-config` format; applied at start (invalid config rejects with `PolicyConfigError`). */
  policyConfig?: unknown;
  /**
   * Type-check the pack on start, exactly as the Pulumi CLI's ts-node registration does (8-15 s).
   * Default false: transpile only (about 3 s); CI type-checks the pack with `tsc -p policies`.
   */
  typeCheck?: boolean;
  /** Analyze calls in flight at once over the one connection. Default 128 (32 left the pack waiting). */
  concurrency?: number;
  /** Give up on a pack that has not printed its port by then. Default 120 s. */
  startTimeoutMs?: number;
  /** Extra `node` flags for the pack process (e.g. `--cpu-prof` to profile the policies). */
  nodeFlags?: string[];
}

/** Stack facts sent with ConfigureStack (they reach policies as `stackTags`). */
export interface StackContext {
  stack: string;
  project: string;
  organization?: string;
  dryRun?: boolean;
  tags?: Record<string, string>;
}

/** How long each phase took, for benchmarks and reports. */
export interface HostTimings {
  startMs: number;
  /** The last judge: when the Analyze calls and the (concurrent) AnalyzeStack call finished, and in all. */
  lastJudge?: { resources: number; analyzeMs: number; analyzeStackMs: number; totalMs: number };
}

export class PolicyConfigError extends Error {
  constructor(readonly errors: Array<{ file: string; path: string; message: string }>) {
    super(
      `invalid policy config:\n${errors.map((error) => `${error.file}: ${error.path}: ${error.message}`).join("\n")}`,
    );
    this.name = "PolicyConfigError";
  }
}

const maxMessageBytes = 400 * 1024 * 1024; // what the policy SDK's server accepts
const deepestValue = 256; // deeper values reach the pack as unknown (protobuf decoders stop near 100 levels)
const preload = path.join(__dirname, "ts-node-transpile-only.cjs");

/**
 * Runs a policy pack the way the Pulumi CLI does (`pulumi-analyzer-policy`): starts
 * `node @pulumi/pulumi/cmd/run-policy-pack <engine-address> <packDir>` in the pack directory, reads
 * the port it prints, and speaks the Analyzer gRPC protocol to it: GetAnalyzerInfo, Configure
 * (schema defaults + config), Analyze for each custom resource, AnalyzeStack for the stack.
 * The engine address is an Engine stub that collects what the pack logs.
 */
export class PolicyPackHost {
  private configured: Record<string, EffectivePolicyConfig> = {};
  private exitListener?: () => void;
  private closed = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly engine: EngineStub,
    private readonly client: analyzerRpc.AnalyzerClient,
    private readonly output: { stderr: string },
    /** Pack name, version and policies, from GetAnalyzerInfo. */
    readonly info: PolicyPackInfo,
    private readonly concurrency: number,
    readonly timings: HostTimings,
  ) {}

  static async start(options: PolicyPackHostOptions): Promise<PolicyPackHost> {
    const startedAt = performance.now();
    const packDir = path.resolve(options.packDir);
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
      throw new Error(`${packDir} is not a policy pack: it has no PulumiPolicy.yaml`);
    }
    const engine = await EngineStub.start();
    let child: ChildProcess | undefined;
    let client: analyzerRpc.AnalyzerClient | undefined;
    const output = { stderr: "" };
    try {
      const launched = await launchPack(packDir, engine.address, options, output);
      child = launched.child;
      client = new analyzerRpc.AnalyzerClient(
        `127.0.0.1:${launched.port}`,
        grpc.credentials.createInsecure(),
        {
          "grpc.max_receive_message_length": maxMessageBytes,
          "grpc.max_send_message_length": maxMessageBytes,
        },
      );
      const info = toPackInfo(
        await unary<Empty, analyzerProto.AnalyzerInfo>(client, "getAnalyzerInfo", new Empty(), output),
      );
      const host = new PolicyPackHost(child, engine, client, output, info, options.concurrency ?? 128, {
        startMs: 0,
      });
      host.exitListener = () => child?.kill("SIGKILL");
      process.once("exit", host.exitListener);
      let config: PolicyPackConfig = {};
      if (options.policyConfig !== undefined) {
        const parsed = parsePolicyConfig(options.policyConfig, "policyConfig", info);
        if ("errors" in parsed) {
          await host.close();
          throw new PolicyConfigError(parsed.errors);
        }
        config = parsed.config;
      }
      await host.configure(config);
      host.timings.startMs = performance.now() - startedAt;
      return host;
    } catch (error) {
      client?.close();
      child?.kill("SIGKILL");
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
    return this.output.stderr;
  }

  /** The level and settings each policy runs with, as last sent by Configure. */
  get effectiveConfig(): Readonly<Record<string, EffectivePolicyConfig>> {
    return this.configured;
  }

  /** Sends Configure: every policy's level and settings, schema defaults filled in (as the CLI does). */
  async configure(config: PolicyPackConfig = {}): Promise<void> {
    const effective = effectivePolicyConfig(this.info, config);
    const request = new analyzerProto.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [name, policy] of Object.entries(effective)) {
      const entry = new analyzerProto.PolicyConfig();
      entry.setEnforcementlevel(levelToProto[policy.enforcementLevel]);
      entry.setProperties(Struct.fromJavaScript(toWire(policy.properties, 0) as Record<string, never>));
      map.set(name, entry);
    }
    await unary(this.client, "configure", request, this.output);
    this.configured = effective;
  }

  /** Sends ConfigureStack: the stack's name, project and tags (policies see the tags as `stackTags`). */
  async configureStack(context: StackContext): Promise<void> {
    const request = new analyzerProto.AnalyzerStackConfigureRequest();
    request
      .setStack(context.stack)
      .setProject(context.project)
      .setOrganization(context.organization ?? "")
      .setDryRun(context.dryRun ?? true);
    for (const [key, value] of Object.entries(context.tags ?? {})) request.getTagsMap().set(key, value);
    await unary(this.client, "configureStack", request, this.output);
  }

  /**
   * Judges a planned stack: Analyze for every custom resource (concurrently, bounded), then one
   * AnalyzeStack with every resource. Violations come back in resource order, stack ones last.
   */
  async judge(resources: readonly PlannedResource[]): Promise<Violation[]> {
    const judgement = this.beginJudgement();
    for (const resource of resources) judgement.add(resource);
    return judgement.finish(resources);
  }

  /**
   * Streams a stack to the pack: `add` sends each resource's Analyze as soon as it is known (while
   * the program is still registering the rest, so the pack works on the other core), `finish`
   * sends AnalyzeStack with the whole stack and collects every violation. A resource's provider
   * must be added before it, as the engine registers it.
   */
  beginJudgement(): Judgement {
    return new Judgement(this.client, this.output, this.concurrency, this.timings);
  }

  /** Stops the pack (always, also after errors) and the engine stub. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.exitListener) process.off("exit", this.exitListener);
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 2000);
      await exited;
      clearTimeout(timer);
    }
    await this.engine.close();
  }
}

/** Starts run-policy-pack in the pack directory and waits for the port it prints on stdout. */
async function launchPack(
  packDir: string,
  engineAddress: string,
  options: PolicyPackHostOptions,
  output: { stderr: string },
): Promise<{ child: ChildProcess; port: number }> {
  // The pack's own @pulumi/pulumi, as the CLI resolves it (`pulumi-analyzer-policy` runs it from the pack's node_modules).
  let runPolicyPack: string;
  try {
    runPolicyPack = path.dirname(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] }));
  } catch {
    // Node's own message names the module and a require stack, not the fix.
    throw new Error(
      `policy pack ${packDir} has no node_modules with @pulumi/pulumi: run \`npm install\` in ${packDir} first`,
    );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // run-policy-pack drops its <engine-address> argument; the SDK's log module finds the engine here.
    PULUMI_NODEJS_ENGINE: engineAddress,
    BEDROCK_CHECK_RUN_POLICY_PACK_DIR: runPolicyPack,
  };
  if (options.typeCheck) delete env.PULUMI_NODEJS_TRANSPILE_ONLY;
  else env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
  // A TypeScript loader of the parent (tsx under mocha) must not load the pack instead of the CLI's ts-node.
  if (env.NODE_OPTIONS)
    env.NODE_OPTIONS = env.NODE_OPTIONS.split(/\s+/)
      .filter((option) => !option.includes("tsx"))
      .join(" ");
  const args = [
    // The pack makes short-lived objects for every request (a decoded Struct per policy): with the
    // default 16 MB young generation, most of them were promoted and collected again in old space.
    "--max-semi-space-size=64",
    ...(options.nodeFlags ?? []),
    ...(process.env.BEDROCK_CHECK_PACK_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ...(options.typeCheck ? [] : ["--require", preload]),
    runPolicyPack,
    engineAddress,
    packDir,
  ];
  const child = spawn(process.execPath, args, { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    output.stderr = (output.stderr + chunk).slice(-64 * 1024);
  });
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(
        () =>
          reject(
            new Error(`policy pack ${packDir} printed no port within ${timeoutMs} ms${tail(output.stderr)}`),
          ),
        timeoutMs,
      );
      child.stdout?.setEncoding("utf8");
      child.stdout?.on("data", (chunk: string) => {
        stdout += chunk;
        const line = stdout.split("\n").find((candidate) => /^\d+$/.test(candidate.trim()));
        if (line !== undefined && stdout.includes("\n")) {
          clearTimeout(timer);
          resolve(Number(line.trim()));
        }
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `policy pack ${packDir} exited (${signal ?? `code ${code}`}) before serving${tail(output.stderr)}`,
          ),
        );
      });
    });
    return { child, port };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}

const tail = (stderr: string): string =>
  stderr.trim() ? `:\n${stderr.trim().split("\n").slice(-20).join("\n")}` : "";

type Method = "getAnalyzerInfo" | "configure" | "configureStack";

/** A failed call, with the pack's last stderr lines (its uncaught errors explain most failures). */
const callFailed = (method: string, error: grpc.ServiceError | null, output: { stderr: string }): Error =>
  new Error(`policy pack ${method} failed: ${error?.details || error?.message}${tail(output.stderr)}`);

function unary<Request, Response>(
  client: analyzerRpc.AnalyzerClient,
  method: Method,
  request: Request,
  output: { stderr: string },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const call = client[method] as unknown as (
      request: Request,
      callback: (error: grpc.ServiceError | null, response: Response) => void,
    ) => void;
    call.call(client, request, (error, response) => {
      if (error) reject(callFailed(method, error, output));
      else resolve(response);
    });
  });
}

// analyzer.proto field numbers of what is appended as bytes (see analyzer-wire.ts).
const propertiesField = 2; // AnalyzeRequest.properties, AnalyzerResource.properties
const stackResourcesField = 1; // AnalyzeStackRequest.resources

/** The fields AnalyzeRequest and AnalyzerResource share (two generated classes with the same setters). */
interface ResourceMessage {
  setType(value: string): this;
  setName(value: string): this;
  setUrn(value: string): this;
  setOptions(value?: analyzerProto.AnalyzerResourceOptions): this;
  setProvider(value?: analyzerProto.AnalyzerProviderResource): this;
  serializeBinary(): Uint8Array;
}

/** `message` describing `resource`, serialized, with `properties` as its properties Struct. */
function resourceMessageBytes(
  message: ResourceMessage,
  resource: PlannedResource,
  providers: ProviderCache,
  properties: Record<string, unknown>,
): Uint8Array {
  message.setType(resource.type).setName(resource.name).setUrn(resource.urn);
  message.setOptions(resourceOptions(resource));
  const provider = providers.of(resource);
  if (provider) message.setProvider(provider);
  return withField(message.serializeBinary(), propertiesField, encodeStruct(wireRecord(properties)));
}

/** AnalyzeRequest bytes: the resource's inputs, options and provider. */
function analyzeRequestBytes(resource: PlannedResource, providers: ProviderCache): Uint8Array {
  return resourceMessageBytes(new analyzerProto.AnalyzeRequest(), resource, providers, resource.inputs);
}

/** AnalyzerResource bytes, as AnalyzeStack lists it: the engine's view after the step. */
function analyzerResourceBytes(resource: PlannedResource, providers: ProviderCache): Uint8Array {
  const result = new analyzerProto.AnalyzerResource();
  result.setParent(resource.parent ?? "");
  result.setDependenciesList(resource.dependencies ?? []);
  const dependencies = result.getPropertydependenciesMap();
  for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
    dependencies.set(property, new analyzerProto.AnalyzerPropertyDependencies().setUrnsList(urns));
  }
  // Outputs when known, else the inputs (the preview of a new resource).
  const outputs = resource.outputs && Object.keys(resource.outputs).length > 0 ? resource.outputs : undefined;
  return resourceMessageBytes(result, resource, providers, outputs ?? resource.inputs);
}

function resourceOptions(resource: PlannedResource): analyzerProto.AnalyzerResourceOptions {
  const options = new analyzerProto.AnalyzerResourceOptions();
  options.setProtect(resource.protect === true);
  if (resource.parent) options.setParent(resource.parent);
  return options;
}

/** Sends request bytes built beforehand (the generated client would serialize a message object). */
function unaryBytes(
  client: analyzerRpc.AnalyzerClient,
  method: "analyze" | "analyzeStack",
  request: Uint8Array,
  output: { stderr: string },
): Promise<analyzerProto.AnalyzeResponse> {
  const definition = analyzerRpc.AnalyzerService[method];
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      definition.path,
      (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      definition.responseDeserialize,
      request,
      (error, response) => {
        if (error || !response) reject(callFailed(method, error, output));
        else resolve(response);
      },
    );
  });
}

/**
 * One stack's judgement in progress (see `PolicyPackHost.beginJudgement`). Each resource is encoded
 * once, as it is added: its Analyze request is queued as bytes and its AnalyzeStack entry kept as
 * bytes, so neither the queue nor the stack holds an object graph per resource.
 */
export class Judgement {
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
    private readonly client: analyzerRpc.AnalyzerClient,
    private readonly output: { stderr: string },
    private readonly concurrency: number,
    private readonly timings: HostTimings,
  ) {}

  /** Sends the resource's Analyze (custom resources only; components are not judged one by one). */
  add(resource: PlannedResource): void {
    this.byUrn.set(resource.urn, resource);
    this.stackEntries.set(resource.urn, analyzerResourceBytes(resource, this.providers));
    if (resource.custom === false) return;
    this.queue.push({ urn: resource.urn, request: analyzeRequestBytes(resource, this.providers) });
    this.pump();
  }

  /**
   * Sends AnalyzeStack for the whole stack (the pack judges it while the last Analyze calls are
   * answered), waits for every Analyze, and returns all violations: per resource in the order
   * the resources were added, the stack's last.
   */
  async finish(resources: readonly PlannedResource[]): Promise<Violation[]> {
    for (const resource of resources) if (!this.byUrn.has(resource.urn)) this.add(resource);
    const elapsed = () => performance.now() - this.startedAt;
    const stackJudged = this.analyzeStack(resources).then((violations) => ({ violations, ms: elapsed() }));
    stackJudged.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const perResource = await this.settle();
    const analyzeMs = elapsed();
    const stack = await stackJudged;
    this.timings.lastJudge = {
      resources: resources.length,
      analyzeMs,
      analyzeStackMs: stack.ms,
      totalMs: elapsed(),
    };
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
    const request = repeatedField(
      stackResourcesField,
      resources.map((resource) => this.stackEntries.get(resource.urn) as Uint8Array),
    );
    this.stackEntries.clear();
    return toViolations(await unaryBytes(this.client, "analyzeStack", request, this.output));
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
      const judged = unaryBytes(this.client, "analyze", request, this.output).then(
        (response) => toViolations(response, urn),
        (error: unknown) => {
          this.failure ??= error;
          return [];
        },
      );
      this.results.push(judged);
      void judged.then(() => {
        this.inFlight -= 1;
        this.pump();
        for (const wake of this.waiters.splice(0)) wake();
      });
    }
  }
}

/**
 * The provider each resource was registered with (`<provider urn>::<provider id>`), with its inputs,
 * as AnalyzerProviderResource; built once per provider, since thousands of resources share one.
 */
class ProviderCache {
  private readonly built = new Map<string, analyzerProto.AnalyzerProviderResource>();

  constructor(private readonly byUrn: ReadonlyMap<string, PlannedResource>) {}

  of(resource: PlannedResource): analyzerProto.AnalyzerProviderResource | undefined {
    if (!resource.provider) return undefined;
    const separator = resource.provider.lastIndexOf("::");
    const urn = separator > 0 ? resource.provider.slice(0, separator) : resource.provider;
    let provider = this.built.get(urn);
    if (!provider) {
      const known = this.byUrn.get(urn);
      const parts = urn.split("::");
      provider = new analyzerProto.AnalyzerProviderResource();
      provider.setUrn(urn);
      provider.setType(known?.type ?? parts[2]?.split("$").pop() ?? "");
      provider.setName(known?.name ?? parts[3] ?? "");
      provider.setProperties(toStruct(known?.inputs ?? {}));
      this.built.set(urn, provider);
    }
    return provider;
  }
}

function toStruct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(wireRecord(value) as Record<string, never>);
}

/** A property map as the engine marshals it (see `toWire`); `{}` for anything but an object. */
function wireRecord(value: Record<string, unknown>): Record<string, unknown> {
  const wire = toWire(value, 0);
  return wire !== null && typeof wire === "object" && !Array.isArray(wire)
    ? (wire as Record<string, unknown>)
    : {};
}

// The other special objects' signatures (pulumi/sdk resource/properties.go).
const resourceReferenceSignature = "5cf8f73096256a8f31e491e813e4eb8e";
const outputValueSignature = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/**
 * Plain JSON as the engine marshals it for an analyzer: resource references become their id (or
 * URN), output values their value (or unknown), and a secret with no plaintext (a stack export's
 * ciphertext) becomes unknown, since the policy SDK's deserializer rejects all three. `undefined`
 * is dropped and values nested deeper than protobuf decoders follow become unknown.
 */
function toWire(value: unknown, depth: number): unknown {
  if (depth > deepestValue) return UNKNOWN;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toWire(item, depth + 1)));
  if (typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  const signature = record[signatureKey];
  if (signature === resourceReferenceSignature)
    return typeof record.id === "string" && record.id !== "" ? record.id : (record.urn ?? UNKNOWN);
  if (signature === outputValueSignature)
    return "value" in record ? toWire(record.value, depth + 1) : UNKNOWN;
  if (signature === secretSignature && !("value" in record)) return UNKNOWN;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    if (item !== undefined) result[key] = toWire(item, depth + 1);
  }
  return result;
}

const levelToProto: Record<EnforcementLevel, analyzerProto.EnforcementLevel> = {
  advisory: analyzerProto.EnforcementLevel.ADVISORY,
  mandatory: analyzerProto.EnforcementLevel.MANDATORY,
  remediate: analyzerProto.EnforcementLevel.REMEDIATE,
  disabled: analyzerProto.EnforcementLevel.DISABLED,
};

function levelFromProto(level: analyzerProto.EnforcementLevel): EnforcementLevel {
  return (
    (Object.keys(levelToProto) as EnforcementLevel[]).find((name) => levelToProto[name] === level) ??
    "advisory"
  );
}

const severities = ["low", "medium", "high", "critical"] as const;

function toPackInfo(info: analyzerProto.AnalyzerInfo): PolicyPackInfo {
  return {
    name: info.getName(),
    version: info.getVersion(),
    description: info.getDescription() || undefined,
    policies: info.getPoliciesList().map((policy): PolicyInfo => {
      const schema = policy.getConfigschema();
      const severity = policy.getSeverity();
      return {
        name: policy.getName(),
        description: policy.getDescription(),
        enforcementLevel: levelFromProto(policy.getEnforcementlevel()),
        kind: policy.getPolicyType() === analyzerProto.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
        severity: severity > 0 ? severities[severity - 1] : undefined,
        remediationSteps: policy.getRemediationSteps() || undefined,
        configSchema: schema
          ? {
              properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, JsonSchema>,
              required: schema.getRequiredList(),
            }
          : undefined,
      };
    }),
  };
}

/** Diagnostics as violations; a resource's violation names that resource when the pack leaves the URN out. */
function toViolations(response: analyzerProto.AnalyzeResponse, urn?: string): Violation[] {
  return response.getDiagnosticsList().map((diagnostic) => {
    const description = diagnostic.getDescription();
    const message = diagnostic.getMessage();
    // The SDK prefixes each message with the policy's description; it is kept apart in `description`.
    const ownMessage =
      description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
    return {
      policyPack: diagnostic.getPolicypackname(),
      policyName: diagnostic.getPolicyname(),
      enforcementLevel: levelFromProto(diagnostic.getEnforcementlevel()),
      message: ownMessage,
      urn: diagnostic.getUrn() || urn,
      description: description || undefined,
    };
  });
}
