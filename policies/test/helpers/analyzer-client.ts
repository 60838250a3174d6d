/**
 * The pack's own small Analyzer client for its tests: starts `@pulumi/pulumi/cmd/run-policy-pack`
 * in a pack directory as the Pulumi CLI does, reads the port it prints, and speaks the Analyzer gRPC
 * protocol with the stubs and protobuf runtime of the `@pulumi/pulumi` that directory resolves (so a
 * pack installed from its tarball is driven by its own SDK). The check's host lives in tools/ and is
 * not the pack's to import.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";
import type * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";

export interface Diagnostic {
  policyName: string;
  message: string;
  urn: string;
}

export interface ServedResource {
  type: string;
  name: string;
  properties: Record<string, unknown>;
  /** The provider's type and inputs (JSON-encoded where the engine encodes them). */
  provider?: { type: string; name: string; properties: Record<string, unknown> };
}

type StructClass = { fromJavaScript(value: Record<string, unknown>): unknown };

export class AnalyzerClient {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: analyzerRpc.AnalyzerClient,
    private readonly proto: typeof analyzerProto,
    private readonly struct: StructClass,
    private readonly output: { stderr: string },
  ) {}

  /** Serves the pack in `packDir` (type-checked by ts-node, as the CLI runs it) and connects. */
  static async serve(packDir: string, timeoutMs = 120_000): Promise<AnalyzerClient> {
    const resolve = (request: string) => require.resolve(request, { paths: [packDir] });
    const runPolicyPack = path.dirname(resolve("@pulumi/pulumi/cmd/run-policy-pack"));
    const sdkDir = path.dirname(resolve("@pulumi/pulumi/package.json"));
    const fromSdk = (request: string) => require.resolve(request, { paths: [sdkDir] });
    /* eslint-disable @typescript-eslint/no-require-imports */
    const rpc = require(path.join(sdkDir, "proto/analyzer_grpc_pb.js")) as typeof analyzerRpc;
    const proto = require(path.join(sdkDir, "proto/analyzer_pb.js")) as typeof analyzerProto;
    const grpcJs = require(fromSdk("@grpc/grpc-js")) as typeof grpc;
    const { Struct } = require(fromSdk("google-protobuf/google/protobuf/struct_pb.js")) as {
      Struct: StructClass;
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_NODEJS_ENGINE: "127.0.0.1:1" };
    delete env.PULUMI_NODEJS_TRANSPILE_ONLY;
    // The test runner's TypeScript loader must not load the pack instead of the pack's own ts-node.
    env.NODE_OPTIONS = (env.NODE_OPTIONS ?? "").replace(/--(require|import)[= ]\S*tsx\S*/g, "");
    const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", packDir], {
      cwd: packDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = { stderr: "" };
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output.stderr += chunk));
    const port = await new Promise<number>((resolvePort, reject) => {
      let stdout = "";
      const timer = setTimeout(
        () => reject(new Error(`no port within ${timeoutMs} ms:\n${output.stderr}`)),
        timeoutMs,
      );
      child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        const line = stdout.split("\n").find((candidate) => /^\d+$/.test(candidate.trim()));
        if (line !== undefined) {
          clearTimeout(timer);
          resolvePort(Number(line));
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`run-policy-pack exited (${code}) before serving:\n${output.stderr}`));
      });
    });
    const client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpcJs.credentials.createInsecure());
    return new AnalyzerClient(child, client, proto, Struct, output);
  }

  get stderr(): string {
    return this.output.stderr;
  }

  /** GetAnalyzerInfo: the pack's name and its policies' names. */
  info(): Promise<{ name: string; policies: string[] }> {
    const { Empty } = this.emptyClass();
    return new Promise((resolve, reject) =>
      this.client.getAnalyzerInfo(new Empty(), (error, info) =>
        error
          ? reject(error)
          : resolve({
              name: info.getName(),
              policies: info.getPoliciesList().map((policy) => policy.getName()),
            }),
      ),
    );
  }

  /** Analyze one resource as the engine sends it; returns the diagnostics. */
  analyze(resource: ServedResource): Promise<Diagnostic[]> {
    const urn = `urn:pulumi:test::standalone::${resource.type}::${resource.name}`;
    const request = new this.proto.AnalyzeRequest()
      .setType(resource.type)
      .setName(resource.name)
      .setUrn(urn)
      .setProperties(this.struct.fromJavaScript(resource.properties) as never)
      .setOptions(new this.proto.AnalyzerResourceOptions());
    if (resource.provider) {
      request.setProvider(
        new this.proto.AnalyzerProviderResource()
          .setType(resource.provider.type)
          .setName(resource.provider.name)
          .setUrn(`urn:pulumi:test::standalone::${resource.provider.type}::${resource.provider.name}`)
          .setProperties(this.struct.fromJavaScript(resource.provider.properties) as never),
      );
    }
    return new Promise((resolve, reject) =>
      this.client.analyze(request, (error, response) =>
        error
          ? reject(error)
          : resolve(
              response.getDiagnosticsList().map((diagnostic) => ({
                policyName: diagnostic.getPolicyname(),
                message: diagnostic.getMessage(),
                urn: diagnostic.getUrn(),
              })),
            ),
      ),
    );
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    await exited;
  }

  private emptyClass(): { Empty: new () => never } {
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [this.packDir()] }));
    const fromSdk = require.resolve("google-protobuf/google/protobuf/empty_pb.js", { paths: [sdkDir] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(fromSdk) as { Empty: new () => never };
  }

  private packDir(): string {
    return String(this.child.spawnargs[this.child.spawnargs.length - 1]);
  }
}
