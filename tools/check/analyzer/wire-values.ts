import {
  specialOutputValueSig,
  specialResourceSig,
  specialSecretSig,
  specialSigKey,
  unknownValue,
} from "@pulumi/pulumi/runtime/rpc";
import { keptByGoogleProtobuf } from "../google-protobuf-map-keys.cjs";

const deepestValue = 256; // deeper values reach the pack as unknown (protobuf decoders stop near 100 levels)

/**
 * Plain JSON as the engine marshals it for an analyzer: resource references become their id (or
 * URN), output values their value (or unknown), and a secret with no plaintext (a stack export's
 * ciphertext) becomes unknown, since the policy SDK's deserializer rejects all three. `undefined`
 * is dropped and values nested deeper than protobuf decoders follow become unknown.
 */
export function toWire(value: unknown, depth = 0): unknown {
  if (depth > deepestValue) return unknownValue;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toWire(item, depth + 1)));
  if (typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  const signature = record[specialSigKey];
  if (signature === specialResourceSig)
    return typeof record.id === "string" && record.id !== "" ? record.id : (record.urn ?? unknownValue);
  if (signature === specialOutputValueSig)
    return "value" in record ? toWire(record.value, depth + 1) : unknownValue;
  if (signature === specialSecretSig && !("value" in record)) return unknownValue;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    // A key the pack's google-protobuf would drop is dropped here, rather than set as a prototype.
    if (item !== undefined && keptByGoogleProtobuf(key)) result[key] = toWire(item, depth + 1);
  }
  return result;
}

/** A property map as the engine marshals it (see `toWire`); `{}` for anything but an object. */
export function wireRecord(value: Record<string, unknown>): Record<string, unknown> {
  const wire = toWire(value, 0);
  return wire !== null && typeof wire === "object" && !Array.isArray(wire)
    ? (wire as Record<string, unknown>)
    : {};
}
