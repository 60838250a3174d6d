import * as grpc from "@grpc/grpc-js";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AwsMocks } from "../../tools/check/program/aws-mocks";
import { engineUrn } from "../../tools/check/sdk-internals";

/** One RegisterResource the program sent, as the engine receives it. */
export interface MonitorRegistration {
  urn: string;
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  /** Inputs as sent (unknowns are the engine's unknown sentinel string). */
  inputs: Record<string, unknown>;
}

/**
 * The engine's ResourceMonitor as a Pulumi program sees it, served on 127.0.0.1 for a program the
 * test launches: in preview (`dryRun`) it answers like the engine for new resources (no id, the
 * inputs echoed, every output unknown); in an update it answers with the check's AWS-shaped mocks
 * (ids, ARNs). URNs are built as the engine's `generateURN` builds them (`engineUrn`), as the check's
 * are. Features other than what a plain engine session needs are declined.
 */
export class ResourceMonitorStub {
  private constructor(
    private readonly server: grpc.Server,
    readonly address: string,
    readonly registrations: MonitorRegistration[],
  ) {}

  static async start(options: {
    stack: string;
    project: string;
    dryRun: boolean;
  }): Promise<ResourceMonitorStub> {
    const registrations: MonitorRegistration[] = [];
    const mocks = new AwsMocks();
    const newUrn = (parent: string, type: string, name: string) =>
      engineUrn(options.stack, options.project, parent, type, name);
    const unimplemented = (what: string) => (_call: unknown, callback: grpc.sendUnaryData<never>) =>
      callback(
        { code: grpc.status.UNIMPLEMENTED, details: `${what} is not served by this test's monitor` },
        null,
      );
    const register = (
      request: resourceProto.RegisterResourceRequest,
    ): resourceProto.RegisterResourceResponse => {
      const inputs = (request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
      const urn = newUrn(request.getParent(), request.getType(), request.getName());
      registrations.push({
        urn,
        type: request.getType(),
        name: request.getName(),
        parent: request.getParent(),
        custom: request.getCustom(),
        inputs,
      });
      const response = new resourceProto.RegisterResourceResponse().setUrn(urn);
      if (!request.getCustom()) response.setObject(Struct.fromJavaScript({}));
      else if (options.dryRun) response.setObject(Struct.fromJavaScript(inputs as never));
      else {
        const { id, state } = mocks.newResource({
          type: request.getType(),
          name: request.getName(),
          inputs,
          provider: request.getProvider() || undefined,
          custom: true,
        });
        // JSON drops what Struct cannot hold (the mocks' `undefined` fields).
        response.setId(id).setObject(Struct.fromJavaScript(JSON.parse(JSON.stringify(state)) as never));
      }
      return response;
    };
    const implementation: Partial<resourceRpc.IResourceMonitorServer> = {
      supportsFeature: (_call, callback) =>
        callback(null, new resourceProto.SupportsFeatureResponse().setHassupport(false)),
      registerResource: (call, callback) => {
        try {
          callback(null, register(call.request));
        } catch (error) {
          callback({ code: grpc.status.INTERNAL, details: String(error) }, null);
        }
      },

      registerResourceOutputs: (_call, callback) => callback(null, new Empty()),
      signalAndWaitForShutdown: (_call, callback) => callback(null, new Empty()),
      invoke: unimplemented("Invoke"),
      call: unimplemented("Call"),
      readResource: unimplemented("ReadResource"),
    };
    const server = new grpc.Server();
    server.addService(
      resourceRpc.ResourceMonitorService,
      implementation as grpc.UntypedServiceImplementation,
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    return new ResourceMonitorStub(server, `127.0.0.1:${port}`, registrations);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
