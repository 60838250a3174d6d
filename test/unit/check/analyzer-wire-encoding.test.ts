import * as assert from "node:assert/strict";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { encodeStruct, repeatedField } from "../../../tools/check/analyzer/wire-encoding";

/** Plain JSON as the host sends it: no undefined, finite numbers (a Struct cannot hold NaN in JSON terms). */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true }),
    fc.string({ unit: "binary" }),
    fc.array(tie("value"), { maxLength: 5 }),
    tie("record"),
  ),
  record: fc.dictionary(fc.string({ unit: "binary" }), tie("value"), { maxKeys: 6 }),
})).record as fc.Arbitrary<Record<string, never>>;

describe("analyzer wire encoding", () => {
  it("encodes a Struct exactly as google-protobuf decodes it back", () => {
    fc.assert(
      fc.property(json, (record) => {
        const decoded = Struct.deserializeBinary(encodeStruct(record)).toJavaScript();
        assert.deepEqual(decoded, Struct.fromJavaScript(record).toJavaScript());
      }),
      { numRuns: 300 },
    );
  });

  it("leaves out keys whose value is undefined, as JSON does", () => {
    const decoded = Struct.deserializeBinary(
      encodeStruct({ kept: "yes", dropped: undefined }),
    ).toJavaScript();
    assert.deepEqual(decoded, { kept: "yes" });
  });

  it("lists messages as a repeated field", () => {
    const properties = { tags: { tenant: "claims" }, policy: '{"Version":"2012-10-17"}', size: 3 };
    const resource = new analyzerProto.AnalyzerResource()
      .setType("aws:s3/bucket:Bucket")
      .setUrn("urn:a")
      .setProperties(Struct.fromJavaScript(properties))
      .serializeBinary();
    const request = analyzerProto.AnalyzeStackRequest.deserializeBinary(
      repeatedField(1, [resource, resource]),
    );
    assert.equal(request.getResourcesList().length, 2);
    const [first] = request.getResourcesList();
    assert.equal(first.getType(), "aws:s3/bucket:Bucket");
    assert.equal(first.getUrn(), "urn:a");
    assert.deepEqual(first.getProperties()?.toJavaScript(), properties);
  });
});
