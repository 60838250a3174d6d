/**
 * The tags a resource will carry in AWS, from the places a program can set them: the resource's own
 * `tags` (a map on classic resources, a `{key, value}` list on aws-native ones), `tagsAll` when the
 * engine sends outputs, and the `defaultTags` of its provider. Provider properties reach a policy
 * JSON-encoded (`defaultTags` is the string `{"tags":{...}}`). Resource tags win over defaults, as in AWS.
 */
import { type JsonRecord, type Unknown, UNKNOWN, at, decodeJson, isRecord, isUnknown, plain } from "./values";

export interface EffectiveTags {
  /** A tag's value (`UNKNOWN` until apply), or `undefined` when absent. Keys are exact: cost allocation is case-sensitive. */
  get(key: string): string | Unknown | undefined;
  /** Every key present (maybe repeated across sources); read only when a required key is missing. */
  keys(): Iterable<string>;
  /** Some source is unknown as a whole, so a key missing here may still arrive. */
  incomplete: boolean;
}

/** Where the provider's properties come from: `args.provider` or a stack resource's `provider`. */
export interface ProviderLike {
  type?: unknown;
  props?: unknown;
}

/** One source of tags, looked up in place (a map of 50,000 tags is not copied to check six keys). */
type TagSource = JsonRecord | Map<string, unknown>;

export function effectiveTags(props: unknown, provider?: ProviderLike): EffectiveTags {
  const sources: TagSource[] = []; // highest precedence first
  let incomplete = false;
  const add = (tags: unknown) => {
    if (tags === undefined || tags === null) return;
    if (isUnknown(tags)) incomplete = true;
    else if (Array.isArray(tags)) {
      // aws-native: [{ key, value }]
      const entries = new Map<string, unknown>();
      for (const entry of tags) {
        const key = at(entry, "key");
        if (key === UNKNOWN || isUnknown(entry)) incomplete = true;
        else if (typeof key === "string" && !entries.has(key)) entries.set(key, at(entry, "value"));
      }
      sources.push(entries);
    } else if (isRecord(tags)) sources.push(tags);
  };
  add(at(props, "tags"));
  add(at(props, "tagsAll"));
  if (provider) {
    const defaultTags = at(plain(provider.props), "defaultTags");
    // AWS allows 50 tags (about 20 KB): provider defaults far larger cannot deploy and are not parsed.
    const tooLarge = typeof defaultTags === "string" && defaultTags.length > maxDefaultTagsCharacters;
    const decoded = tooLarge ? undefined : decodeJson(defaultTags);
    if (decoded === UNKNOWN) incomplete = true;
    else if (decoded && "value" in decoded) add(at(decoded.value, "tags"));
  }
  return lookup(sources, incomplete);
}

const maxDefaultTagsCharacters = 256 * 1024;

function lookup(sources: readonly TagSource[], incomplete: boolean): EffectiveTags {
  return {
    incomplete,
    get(key) {
      for (const source of sources) {
        if (source instanceof Map) {
          if (source.has(key)) return tagValue(source.get(key));
        } else if (Object.prototype.hasOwnProperty.call(source, key)) {
          return tagValue(source[key]);
        }
      }
      return undefined;
    },
    *keys() {
      for (const source of sources) yield* source instanceof Map ? source.keys() : Object.keys(source);
    },
  };
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
  const absent: string[] = [];
  for (const key of required) {
    const value = tags.get(key);
    if (value === undefined) absent.push(key);
    else if (value !== UNKNOWN && value.trim() === "") findings.blank.push(key);
  }
  // A key missing here may still arrive from a source not known until apply.
  if (absent.length > 0 && !tags.incomplete) {
    const wanted = new Map(absent.map((key) => [key.toLowerCase(), key]));
    for (const key of tags.keys()) {
      const match = wanted.get(key.toLowerCase());
      if (match !== undefined && !findings.miscased.has(match)) findings.miscased.set(match, key);
    }
    findings.missing.push(...absent.filter((key) => !findings.miscased.has(key)));
  }
  for (const key of Object.keys(allowedValues)) {
    const allowed = allowedValues[key];
    const value = tags.get(key);
    if (
      typeof value === "string" &&
      value.trim() !== "" &&
      Array.isArray(allowed) &&
      !allowed.includes(value)
    ) {
      findings.disallowed.set(key, value);
    }
  }
  return findings;
}

/** A tag's value when known and non-blank. */
export function knownTag(tags: EffectiveTags, key: string): string | Unknown | undefined {
  const value = tags.get(key);
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined) return tags.incomplete ? UNKNOWN : undefined;
  return value.trim() === "" ? undefined : value;
}
