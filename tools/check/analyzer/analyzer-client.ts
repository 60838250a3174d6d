import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

/** Request bytes handed over to be sent: the sender empties the holder, so nothing else keeps them. */
export interface RequestBytes {
  bytes?: Uint8Array;
}

const maxMessageBytes = 400 * 1024 * 1024; // what the policy SDK's server accepts

/**
 * The Analyzer gRPC client of one pack: its calls as promises. A failed call's error carries the
 * pack's last stderr lines (its uncaught errors explain most failures). Analyze and AnalyzeStack
 * take their requests as bytes built beforehand (see requests.ts).
 */
export class AnalyzerClient {
  private readonly client: analyzerRpc.AnalyzerClient;

  constructor(
    port: number,
    private readonly stderrLines: () => string,
  ) {
    this.client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": maxMessageBytes,
      "grpc.max_send_message_length": maxMessageBytes,
    });
  }

  getAnalyzerInfo(): Promise<analyzerProto.AnalyzerInfo> {
    return this.unary("getAnalyzerInfo", new Empty());
  }

  configure(request: analyzerProto.ConfigureAnalyzerRequest): Promise<unknown> {
    return this.unary("configure", request);
  }

  configureStack(request: analyzerProto.AnalyzerStackConfigureRequest): Promise<unknown> {
    return this.unary("configureStack", request);
  }

  /** Analyze with an `AnalyzeRequest`'s bytes. */
  analyze(request: Uint8Array): Promise<analyzerProto.AnalyzeResponse> {
    return this.unaryBytes("analyze", { bytes: request });
  }

  /**
   * AnalyzeStack with an `AnalyzeStackRequest`'s bytes, taken out of `request` as the call frames
   * them: the whole stack's bytes are not kept while the pack judges it.
   */
  analyzeStack(request: RequestBytes): Promise<analyzerProto.AnalyzeResponse> {
    return this.unaryBytes("analyzeStack", request);
  }

  close(): void {
    this.client.close();
  }

  private failed(method: string, error: grpc.ServiceError | null): Error {
    return new Error(
      `policy pack ${method} failed: ${error?.details || error?.message}${this.stderrLines()}`,
    );
  }

  private unary<Request, Response>(
    method: "getAnalyzerInfo" | "configure" | "configureStack",
    request: Request,
  ): Promise<Response> {
    return new Promise((resolve, reject) => {
      const call = this.client[method] as unknown as (
        request: Request,
        callback: (error: grpc.ServiceError | null, response: Response) => void,
      ) => void;
      call.call(this.client, request, (error, response) => {
        if (error) reject(this.failed(method, error));
        else resolve(response);
      });
    });
  }

  /**
   * Sends request bytes as they are (the generated client would serialize a message object). grpc-js
   * keeps its request argument until the call ends, so the argument is the holder, emptied here.
   */
  private unaryBytes(
    method: "analyze" | "analyzeStack",
    request: RequestBytes,
  ): Promise<analyzerProto.AnalyzeResponse> {
    const definition = analyzerRpc.AnalyzerService[method];
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        definition.path,
        (holder: RequestBytes) => {
          const bytes = holder.bytes ?? new Uint8Array(0);
          holder.bytes = undefined;
          return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        },
        definition.responseDeserialize,
        request,
        (error, response) => {
          if (error || !response) reject(this.failed(method, error));
          else resolve(response);
        },
      );
    });
  }
}
