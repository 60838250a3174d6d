import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
// A direct dependency of every AWS SDK v3 client; it carries the standard retry strategies.
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { ProfileLookupError, ProfileResolver, tagSource } from "../..";

const ARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/claimschat01";
const TTL = 300_000;
const STALE_IF_ERROR = 3_600_000;
const BACKOFF = 1_000;
const MAX_ATTEMPTS = 3;

type Reply = "throttle" | "profiles";

/**
 * Speaks just enough awsJson1_1 to be the Tagging API: each request takes the
 * next scripted reply, or the standing one once the script is used up.
 */
class FakeTaggingApi {
  readonly requests: Array<{ target: string | undefined; body: Record<string, unknown> }> = [];
  script: Reply[] = [];
  standing: Reply = "profiles";
  readonly #server: Server = createServer((request, response) => void this.#handle(request, response));

  async start(): Promise<string> {
    this.#server.listen(0, "127.0.0.1");
    await once(this.#server, "listening");
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, "close");
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of request) raw += chunk;
    this.requests.push({
      target: request.headers["x-amz-target"] as string | undefined,
      body: JSON.parse(raw),
    });
    if ((this.script.shift() ?? this.standing) === "throttle") {
      response.writeHead(400, {
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-errortype": "ThrottlingException",
      });
      response.end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
      return;
    }
    response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
    response.end(
      JSON.stringify({
        PaginationToken: "",
        ResourceTagMappingList: [
          {
            ResourceARN: ARN,
            Tags: [
              { Key: "tenant", Value: "claims" },
              { Key: "profile", Value: "chatbot" },
            ],
          },
        ],
      }),
    );
  }
}

describe("ProfileResolver with the real AWS SDK client against a throttling endpoint", function () {
  this.timeout(5_000);
  const api = new FakeTaggingApi();
  let client: ResourceGroupsTaggingAPIClient;
  let time = 0;
  let resolver: ProfileResolver;

  before(async () => {
    const endpoint = await api.start();
    client = new ResourceGroupsTaggingAPIClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "y" },
      // Standard retry with a 5 ms delay instead of the production back-off, so the test stays fast.
      retryStrategy: new ConfiguredRetryStrategy(MAX_ATTEMPTS, 5),
    });
    resolver = new ProfileResolver({
      source: tagSource({ client }),
      ttlMs: TTL,
      staleIfErrorMs: STALE_IF_ERROR,
      errorBackoffMs: BACKOFF,
      now: () => time,
    });
  });

  after(async () => {
    client.destroy();
    await api.stop();
  });

  it("resolves after the SDK retried a ThrottlingException by itself: one lookup, two requests", async () => {
    api.script = ["throttle", "profiles"];
    assert.equal(await resolver.resolve({ tenant: "claims", profile: "chatbot" }), ARN);
    assert.equal(api.requests.length, 2);
    assert.equal(resolver.stats().lookups, 1);
    assert.equal(api.requests[1].target, "ResourceGroupsTaggingAPI_20170126.GetResources");
    assert.deepEqual(api.requests[1].body.ResourceTypeFilters, ["bedrock:application-inference-profile"]);
    assert.deepEqual(api.requests[1].body.TagFilters, [
      { Key: "tenant", Values: ["claims"] },
      { Key: "profile", Values: ["chatbot"] },
    ]);
  });

  it("serves the stale ARN while every attempt is throttled, until staleIfErrorMs after expiry", async () => {
    api.standing = "throttle";
    const before = api.requests.length;
    time += TTL;
    assert.equal(await resolver.resolve({ tenant: "claims", profile: "chatbot" }), ARN);
    assert.equal(
      api.requests.length - before,
      MAX_ATTEMPTS,
      "the SDK spent its attempts, the resolver added none",
    );
    assert.equal(resolver.stats().staleServes, 1);

    time += STALE_IF_ERROR - BACKOFF;
    assert.equal(await resolver.resolve({ tenant: "claims", profile: "chatbot" }), ARN);

    time += BACKOFF;
    await assert.rejects(resolver.resolve({ tenant: "claims", profile: "chatbot" }), (error: unknown) => {
      assert.ok(error instanceof ProfileLookupError);
      assert.equal((error.cause as Error).name, "ThrottlingException");
      assert.equal((error.cause as { $metadata: { attempts: number } }).$metadata.attempts, MAX_ATTEMPTS);
      return true;
    });
    assert.equal(api.requests.length - before, 3 * MAX_ATTEMPTS);
  });
});
