/**
 * Reading resource properties without ever throwing.
 *
 * The policy SDK hands a policy its properties wrapped in a proxy that throws `UnknownValueError`
 * on any access to a value not known until apply (preview). Policies here read the proxy's target
 * instead and meet unknowns as data (`UNKNOWN`), so one unknown field never hides what is known and
 * a preview never gets a guessed violation. Every reader checks the type it expects: a policy judges
 * programs it has never seen, and a wrong type must read as "absent", not crash the deploy.
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

/** A value the engine will only know after apply. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;
/** What a reader returns: the value, `UNKNOWN`, or `undefined` when absent or of another type. */
export type Maybe<T> = T | Unknown | undefined;

// The engine's wire sentinels for unknown values: the SDK's (`unknownValue`, what the engine sends
// for any unknown input) and the policy SDK's one per type, which its proxy also answers with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const policyProxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
const unknownSentinels: ReadonlySet<string> = new Set([
  unknownValue,
  ...["Boolean", "Number", "String", "Array", "Asset", "Archive", "Object"].map((type) => {
    const sentinel = policyProxy[`unknown${type}Value`];
    if (typeof sentinel !== "string") throw new Error(`@pulumi/policy/proxy has no unknown${type}Value`);
    return sentinel;
  }),
]);

// Keys the SDK's unknown-checking proxy answers itself (@pulumi/policy proxy.js).
const isSpecialProxy = "__isSpecialProxy";
const getSpecialProxyTarget = "__getSpecialProxyTarget";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN || (typeof value === "string" && unknownSentinels.has(value));
}

/** The plain value under the SDK's unknown-checking proxy (the value itself when it is not one). */
export function plain(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  try {
    const target = value as Record<string, unknown>;
    return target[isSpecialProxy] === true ? target[getSpecialProxyTarget] : value;
  } catch {
    return undefined;
  }
}

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value at `path` inside `value`: own properties only (a key named `constructor` must not reach
 * Object's), `UNKNOWN` as soon as an unknown is met on the way, `undefined` when a step is missing.
 */
export function at(value: unknown, ...path: ReadonlyArray<string | number>): unknown {
  let current = value;
  for (const step of path) {
    if (isUnknown(current)) return UNKNOWN;
    if (typeof step === "number") {
      if (!Array.isArray(current) || step >= current.length) return undefined;
      current = current[step];
    } else {
      if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, step)) return undefined;
      current = current[step];
    }
  }
  return isUnknown(current) ? UNKNOWN : current;
}

export function text(value: unknown): Maybe<string> {
  if (isUnknown(value)) return UNKNOWN;
  return typeof value === "string" ? value : undefined;
}

export function list(value: unknown): Maybe<unknown[]> {
  if (isUnknown(value)) return UNKNOWN;
  return Array.isArray(value) ? value : undefined;
}

export function record(value: unknown): Maybe<JsonRecord> {
  if (isUnknown(value)) return UNKNOWN;
  return isRecord(value) ? value : undefined;
}

export function bool(value: unknown): Maybe<boolean> {
  if (isUnknown(value)) return UNKNOWN;
  return typeof value === "boolean" ? value : undefined;
}

/** A number, also from its decimal string form (`"1000"`, as AWS Budgets takes amounts). */
export function numeric(value: unknown): Maybe<number> {
  if (isUnknown(value)) return UNKNOWN;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (
    typeof value === "string" &&
    value.length <= 64 &&
    /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)
  ) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** `string | string[]` as IAM and many AWS fields take them: each entry a string or `UNKNOWN`; other types are dropped. */
export function strings(value: unknown): Maybe<Array<string | Unknown>> {
  if (isUnknown(value)) return UNKNOWN;
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return undefined;
  const result: Array<string | Unknown> = [];
  for (const entry of value) {
    if (isUnknown(entry)) result.push(UNKNOWN);
    else if (typeof entry === "string") result.push(entry);
  }
  return result;
}

/**
 * A value that may arrive JSON-encoded: provider properties (`defaultTags` is `{"tags":{...}}` as a
 * string), ECS container definitions, IAM documents. Objects pass through; a string that does not
 * parse comes back as `{ error }`.
 */
export function decodeJson(value: unknown): { value: unknown } | { error: string } | Unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (typeof value !== "string") return { value };
  try {
    return { value: JSON.parse(value) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
