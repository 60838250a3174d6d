import * as assert from "node:assert/strict";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { packNodeFlags } from "../../../tools/check/performance";

/* eslint-disable @typescript-eslint/no-require-imports -- the policy SDK's server is internal and untyped */
type AnalyzeRpc = (
  call: { request: analyzerProto.AnalyzeRequest },
  callback: (error: unknown, response?: analyzerProto.AnalyzeResponse) => void,
) => Promise<void>;
const { makeAnalyzeRpcFun } = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(name: string, version: string, level: string, policies: unknown[]): AnalyzeRpc;
};
/* eslint-enable @typescript-eslint/no-require-imports */

describe("the pack converts an Analyze request's properties once (analyzer/pack-properties-once.cjs)", () => {
  const preload = packNodeFlags.find((flag) => flag.endsWith("pack-properties-once.cjs"))!;

  function request(): analyzerProto.AnalyzeRequest {
    const provider = new analyzerProto.AnalyzerProviderResource()
      .setType("pulumi:providers:aws")
      .setUrn("urn:pulumi:dev::p::pulumi:providers:aws::default")
      .setName("default")
      .setProperties(Struct.fromJavaScript({ region: "eu-west-1" }));
    return new analyzerProto.AnalyzeRequest()
      .setType("aws:sns/topic:Topic")
      .setUrn("urn:pulumi:dev::p::aws:sns/topic:Topic::alerts")
      .setName("alerts")
      .setProperties(Struct.fromJavaScript({ name: "alerts", tags: { team: "a" }, list: [1, { x: "y" }] }))
      .setProvider(provider)
      .setOptions(new analyzerProto.AnalyzerResourceOptions());
  }

  /** Serves one Analyze request to three policies of several types, as the policy SDK does. */
  async function analyze(): Promise<{ conversions: number; seen: ResourceValidationArgs[] }> {
    const seen: ResourceValidationArgs[] = [];
    const policy = (name: string) => ({
      name,
      description: name,
      enforcementLevel: "mandatory",
      validateResource: (args: ResourceValidationArgs) => {
        seen.push(args);
        // One policy changing its copy must not change what the next one sees.
        (args.props as { tags: Record<string, string> }).tags.team = `changed by ${name}`;
      },
    });
    const rpc = makeAnalyzeRpcFun("pack", "1.0.0", "mandatory", [policy("a"), policy("b"), policy("c")]);
    const convert = Struct.prototype.toJavaScript;
    let conversions = 0;
    Struct.prototype.toJavaScript = function (this: Struct) {
      conversions += 1;
      return convert.call(this);
    };
    try {
      // The request as the pack receives it: decoded from bytes.
      const decoded = analyzerProto.AnalyzeRequest.deserializeBinary(request().serializeBinary());
      await new Promise<void>(
        (resolve, reject) => void rpc({ request: decoded }, (error) => (error ? reject(error) : resolve())),
      );
    } finally {
      Struct.prototype.toJavaScript = convert;
    }
    return { conversions, seen };
  }

  it("converts the properties and the provider's once for all the policies, each seeing its own copy", async () => {
    // Every Struct converted counts, the nested ones too (tags, the list's object): without the
    // preload, the properties and the provider are converted again for each of the 3 policies.
    const before = await analyze();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(preload);
    const after = await analyze();
    assert.equal(after.conversions * 3, before.conversions);
    assert.equal(after.seen.length, 3);
    for (const args of after.seen) {
      assert.equal((args.props as { name: string }).name, "alerts");
      assert.deepEqual((args.props as { list: unknown }).list, [1, { x: "y" }]);
      assert.equal((args.provider?.props as { region: string }).region, "eu-west-1");
    }
    assert.deepEqual(
      after.seen.map((args) => (args.props as { tags: { team: string } }).tags.team),
      ["changed by a", "changed by b", "changed by c"],
    );
    assert.notEqual(after.seen[0].props, after.seen[1].props);
  });
});
