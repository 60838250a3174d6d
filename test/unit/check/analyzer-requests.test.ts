import * as assert from "node:assert/strict";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Writer } from "protobufjs/minimal";
import {
  ProviderCache,
  analyzeRequestBytes,
  analyzerResourceBytes,
} from "../../../tools/check/analyzer/requests";
import { encodeStruct } from "../../../tools/check/analyzer/wire-encoding";
import { wireRecord } from "../../../tools/check/analyzer/wire-values";
import type { PlannedResource } from "../../../tools/check/plan/planned-resource";
import { providerResource, providerUrn } from "../../helpers/planned-provider";
import { withOwnProtoKey } from "../../helpers/proto-key";

const record = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }) as fc.Arbitrary<
  Record<string, unknown>
>;
const resource: fc.Arbitrary<PlannedResource> = fc.record({
  urn: fc.string(),
  type: fc.string(),
  name: fc.string(),
  inputs: record,
  outputs: fc.option(record, { nil: undefined }),
  parent: fc.option(fc.string(), { nil: undefined }),
  provider: fc.option(fc.constant(`${providerUrn}::id-1`), { nil: undefined }),
  protect: fc.boolean(),
  dependencies: fc.array(fc.string(), { maxLength: 3 }),
  propertyDependencies: fc.dictionary(fc.string(), fc.array(fc.string(), { maxLength: 3 }), { maxKeys: 3 }),
  custom: fc.boolean(),
});

/** The request as the generated classes serialize it, the properties Struct appended (the reference). */
function generatedBytes(planned: PlannedResource, stack: boolean): Uint8Array {
  const message = stack ? new analyzerProto.AnalyzerResource() : new analyzerProto.AnalyzeRequest();
  message.setType(planned.type).setName(planned.name).setUrn(planned.urn);
  const options = new analyzerProto.AnalyzerResourceOptions().setProtect(planned.protect === true);
  if (planned.parent) options.setParent(planned.parent);
  message.setOptions(options);
  if (planned.provider)
    message.setProvider(
      new analyzerProto.AnalyzerProviderResource()
        .setUrn(providerUrn)
        .setType(providerResource.type)
        .setName(providerResource.name)
        .setProperties(Struct.fromJavaScript(providerResource.inputs as Record<string, never>)),
    );
  let properties = planned.inputs;
  if (message instanceof analyzerProto.AnalyzerResource) {
    message.setParent(planned.parent ?? "").setDependenciesList(planned.dependencies ?? []);
    for (const [property, urns] of Object.entries(planned.propertyDependencies ?? {}))
      message
        .getPropertydependenciesMap()
        .set(property, new analyzerProto.AnalyzerPropertyDependencies().setUrnsList(urns));
    if (planned.outputs && Object.keys(planned.outputs).length > 0) properties = planned.outputs;
  }
  const appended = Writer.create()
    .uint32(0x12)
    .bytes(encodeStruct(wireRecord(properties)))
    .finish();
  return Uint8Array.from([...message.serializeBinary(), ...appended]);
}

describe("Analyze and AnalyzeStack requests written straight to bytes (tools/check/analyzer/requests.ts)", () => {
  it("are byte for byte what the generated classes serialize, with the properties appended", () => {
    fc.assert(
      fc.property(resource, (planned) => {
        const providers = new ProviderCache(new Map([[providerUrn, providerResource]]));
        assert.deepEqual(analyzeRequestBytes(planned, providers), generatedBytes(planned, false));
        assert.deepEqual(analyzerResourceBytes(planned, providers), generatedBytes(planned, true));
      }),
      { numRuns: 300 },
    );
  });

  it("leave out a `__proto__` key, which google-protobuf's maps drop, in properties and dependencies", () => {
    const inputs = { name: "n", nested: withOwnProtoKey({ tags: { team: "inherited" } }, { kept: 1 }) };
    const planned: PlannedResource = {
      ...providerResource,
      inputs,
      propertyDependencies: withOwnProtoKey([providerUrn], { name: [providerUrn] }),
    };
    const bytes = analyzerResourceBytes(
      planned,
      new ProviderCache(new Map([[providerUrn, providerResource]])),
    );
    assert.deepEqual(bytes, generatedBytes(planned, true));
    const read = analyzerProto.AnalyzerResource.deserializeBinary(bytes);
    assert.deepEqual([...read.getPropertydependenciesMap().keys()], ["name"]);
    assert.deepStrictEqual(read.getProperties()?.toJavaScript(), { name: "n", nested: { kept: 1 } });
    assert.ok(!Buffer.from(bytes).toString("latin1").includes("__proto__"), "no such key on the wire");
  });
});
