import * as assert from "node:assert/strict";
import fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { structRoundTrip } from "../../../tools/check/program/struct-round-trip";
import { withOwnProtoKey } from "../../helpers/proto-key";

describe("a Struct's round trip without the Struct (what the mock monitor answers the SDK)", () => {
  it("gives what Struct.fromJavaScript(value).toJavaScript() gives, keys in the same order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const expected = Struct.fromJavaScript(record as Record<string, never>).toJavaScript();
        const copy = structRoundTrip(record);
        assert.deepEqual(copy, expected);
        // deepEqual ignores key order; a policy message or a JSON output would not.
        assert.equal(JSON.stringify(copy), JSON.stringify(expected));
      }),
      { numRuns: 300 },
    );
  });

  it("sorts keys at every depth and copies every object and array", () => {
    const record = { b: 1, a: { z: [{ y: 1, x: 2 }], c: null } };
    const copy = structRoundTrip(record);
    assert.equal(JSON.stringify(copy), '{"a":{"c":null,"z":[{"x":2,"y":1}]},"b":1}');
    assert.notEqual(copy.a, record.a);
    assert.notEqual((copy.a as { z: unknown }).z, record.a.z);
  });

  it("drops a `__proto__` key at any depth, as the Struct's map does, still refusing a value it cannot hold", () => {
    const record = withOwnProtoKey({ tags: { team: "inherited" } }, { a: [withOwnProtoKey([1], { b: 2 })] });
    const copy = structRoundTrip(record);
    assert.deepStrictEqual(copy, Struct.fromJavaScript(record as never).toJavaScript());
    assert.deepStrictEqual(copy, { a: [{ b: 2 }] });
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    const refused = withOwnProtoKey<Record<string, unknown>>(() => 1);
    assert.throws(() => Struct.fromJavaScript(refused as never), /Unexpected struct type/);
    assert.throws(() => structRoundTrip(refused), /Unexpected struct type/);
  });

  it("refuses what a Struct cannot hold, as Struct.fromJavaScript does", () => {
    for (const record of [{ a: undefined }, { a: [1, undefined] }, { a: () => 1 }]) {
      assert.throws(() => Struct.fromJavaScript(record as never), /Unexpected struct type/);
      assert.throws(() => structRoundTrip(record), /Unexpected struct type/);
    }
  });
});
