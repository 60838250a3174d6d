import * as grpc from "@grpc/grpc-js";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

export type LogSeverity = "debug" | "info" | "warning" | "error";

/** One message the policy pack logged through the engine (`@pulumi/pulumi/log`). */
export interface EngineLogEntry {
  severity: LogSeverity;
  message: string;
  urn?: string;
}

const severities: Record<number, LogSeverity> = {
  [engineProto.LogSeverity.DEBUG]: "debug",
  [engineProto.LogSeverity.INFO]: "info",
  [engineProto.LogSeverity.WARNING]: "warning",
  [engineProto.LogSeverity.ERROR]: "error",
};

/**
 * The part of the Pulumi engine a policy pack talks back to: the `Engine` gRPC service, served on
 * 127.0.0.1 so the pack's log calls land here (and are kept in `logs`) instead of failing. The
 * other methods answer as an engine with no root resource would.
 */
export class EngineStub {
  private constructor(
    private readonly server: grpc.Server,
    /** `127.0.0.1:<port>`, for the pack's `<engine-address>` argument. */
    readonly address: string,
    /** Every message logged so far, in order. */
    readonly logs: EngineLogEntry[],
  ) {}

  static async start(): Promise<EngineStub> {
    const server = new grpc.Server();
    const logs: EngineLogEntry[] = [];
    const implementation: engineRpc.IEngineServer = {
      log: (call, callback) => {
        const request = call.request;
        logs.push({
          severity: severities[request.getSeverity()] ?? "info",
          message: request.getMessage(),
          urn: request.getUrn() || undefined,
        });
        callback(null, new Empty());
      },
      getRootResource: (_call, callback) => callback(null, new engineProto.GetRootResourceResponse()),
      setRootResource: (_call, callback) => callback(null, new engineProto.SetRootResourceResponse()),
      startDebugging: (_call, callback) => callback(null, new Empty()),
      requirePulumiVersion: (_call, callback) =>
        callback(null, new engineProto.RequirePulumiVersionResponse()),
    };
    server.addService(
      engineRpc.EngineService,
      implementation as unknown as grpc.UntypedServiceImplementation,
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
        error ? reject(error) : resolve(boundPort),
      ),
    );
    return new EngineStub(server, `127.0.0.1:${port}`, logs);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
