import { keptByGoogleProtobuf } from "../google-protobuf-map-keys.cjs";

/**
 * What `Struct.fromJavaScript(value).toJavaScript()` (google-protobuf) gives back, without building
 * the message: a copy of plain JSON with every object's keys in sorted order (a Struct's fields
 * are a protobuf map, which google-protobuf lists sorted), and the same error for what a Struct
 * cannot hold. The mock monitor's answer reaches the SDK, and the plan, this way
 * (sdk-internals.ts `onRegisterResource`); test/unit/check/struct-round-trip.test.ts holds it
 * equal to the round trip.
 */
export function structRoundTrip(record: Record<string, unknown>): Record<string, unknown> {
  return copyFields(record);
}

function copyFields(record: object): Record<string, unknown> {
  const keys: string[] = [];
  // As Struct.fromJavaScript reads an object: every enumerable key, inherited ones included.
  for (const key in record) keys.push(key);
  keys.sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const value = copyValue((record as Record<string, unknown>)[key]);
    if (keptByGoogleProtobuf(key)) copy[key] = value;
  }
  return copy;
}

function copyValue(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (let index = 0; index < value.length; index++) copy.push(copyValue(value[index]));
    return copy;
  }
  if (typeof value === "object") return copyFields(value);
  throw new Error("Unexpected struct type.");
}
