/**
 * The tags a resource will carry in AWS, from the places a program can set them: the resource's own
 * `tags` (a map on classic resources, a `{key, value}` list on aws-native ones), `tagsAll` when the
 * engine sends outputs, and the `defaultTags` of its provider. Provider properties reach a policy
 * JSON-encoded (`defaultTags` is the string `{"tags":{...}}`). Resource tags win over defaults, as in AWS.
 */
import { type Unknown, UNKNOWN, at, decodeJson, isRecord, isUnknown, plain } from "./values";

export interface EffectiveTags {
  /** Tag key → value (`UNKNOWN` until apply). Keys are exact: cost allocation is case-sensitive. */
  values: Map<string, string | Unknown>;
  /** Some source is unknown as a whole, so a key missing here may still arrive. */
  incomplete: boolean;
}

/** Where the provider's properties come from: `args.provider` or a stack resource's `provider`. */
export interface ProviderLike {
  type?: unknown;
  props?: unknown;
}

export function effectiveTags(props: unknown, provider?: ProviderLike): EffectiveTags {
  const result: EffectiveTags = { values: new Map(), incomplete: false };
  addProviderDefaults(result, provider);
  addTags(result, at(props, "tagsAll"));
  addTags(result, at(props, "tags"));
  return result;
}

function addProviderDefaults(result: EffectiveTags, provider: ProviderLike | undefined): void {
  if (!provider) return;
  const decoded = decodeJson(at(plain(provider.props), "defaultTags"));
  if (decoded === UNKNOWN) {
    result.incomplete = true;
    return;
  }
  if ("error" in decoded) return;
  addTags(result, at(decoded.value, "tags"));
}

function addTags(result: EffectiveTags, tags: unknown): void {
  if (tags === undefined || tags === null) return;
  if (isUnknown(tags)) {
    result.incomplete = true;
    return;
  }
  if (Array.isArray(tags)) {
    // aws-native: [{ key, value }]
    for (const entry of tags) {
      const key = at(entry, "key");
      if (key === UNKNOWN || isUnknown(entry)) result.incomplete = true;
      else if (typeof key === "string") result.values.set(key, tagValue(at(entry, "value")));
    }
    return;
  }
  if (!isRecord(tags)) return;
  for (const key of Object.keys(tags)) result.values.set(key, tagValue(tags[key]));
}

/** Tag values are strings; numbers and booleans read as their text, anything else as blank. */
function tagValue(value: unknown): string | Unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

export interface TagFindings {
  missing: string[];
  blank: string[];
  /** Required key → the differently-cased key present instead (`Tenant` for `tenant`). */
  miscased: Map<string, string>;
  /** Required key → its value, when not among the allowed ones. */
  disallowed: Map<string, string>;
}

/** Checks `required` keys (exact case) for non-blank values, and values against `allowedValues`. */
export function checkTags(
  tags: EffectiveTags,
  required: readonly string[],
  allowedValues: Readonly<Record<string, readonly string[]>> = {},
): TagFindings {
  const findings: TagFindings = { missing: [], blank: [], miscased: new Map(), disallowed: new Map() };
  const byLowerCase = new Map<string, string>();
  for (const key of tags.values.keys()) byLowerCase.set(key.toLowerCase(), key);
  for (const key of required) {
    const value = tags.values.get(key);
    if (value === undefined) {
      if (tags.incomplete) continue; // it may yet arrive from a source not known until apply
      const nearMiss = byLowerCase.get(key.toLowerCase());
      if (nearMiss !== undefined) findings.miscased.set(key, nearMiss);
      else findings.missing.push(key);
      continue;
    }
    if (value === UNKNOWN) continue;
    if (value.trim() === "") findings.blank.push(key);
  }
  for (const key of Object.keys(allowedValues)) {
    const allowed = allowedValues[key];
    const value = tags.values.get(key);
    if (
      typeof value === "string" &&
      value.trim() !== "" &&
      Array.isArray(allowed) &&
      !allowed.includes(value)
    )
      findings.disallowed.set(key, value);
  }
  return findings;
}

/** A tag's value when known and non-blank. */
export function knownTag(tags: EffectiveTags, key: string): string | Unknown | undefined {
  const value = tags.values.get(key);
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined) return tags.incomplete ? UNKNOWN : undefined;
  return value.trim() === "" ? undefined : value;
}
