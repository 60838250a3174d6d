/**
 * Policy configuration with the schema's defaults. The Pulumi CLI validates `--policy-pack-config`
 * against each policy's schema and sends defaults merged in, but a policy must not depend on that
 * (older engines, other drivers, unit tests): here every property falls back to its default when it
 * is absent or of the wrong JSON type.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { isRecord } from "./values";

type JsonType = "array" | "object" | "string" | "number" | "integer" | "boolean" | "null";

export function configOf<T extends object>(
  args: { getConfig<C extends object>(): C },
  schema: PolicyConfigSchema,
): T {
  let configured: unknown;
  try {
    configured = args.getConfig();
  } catch {
    configured = {};
  }
  const source = isRecord(configured) ? configured : {};
  const result: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const value = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
    result[name] = value !== undefined && matchesType(value, property.type) ? value : property.default;
  }
  return result as T;
}

function matchesType(value: unknown, type: JsonType | JsonType[] | undefined): boolean {
  if (type === undefined) return true;
  return (Array.isArray(type) ? type : [type]).some((one) => hasType(value, one));
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    case "integer":
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

/** The strings of a configured list (entries of other types are ignored). */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

/**
 * The mandatory cost-allocation tag keys, a setting of two policies (tags on profiles, their
 * activation): AWS tag keys are 1-128 characters.
 */
export const mandatoryTagsSetting: PolicyConfigSchema["properties"][string] = {
  type: "array",
  items: { type: "string", minLength: 1, maxLength: 128 },
  default: ["tenant", "environment", "dept", "team", "app", "cost-center"],
};

/** Model provider prefixes that make a dotted value a bare model id (`anthropic.claude-...`), a setting of the policies that read workloads and Bedrock resources. */
export const modelProvidersSetting: PolicyConfigSchema["properties"][string] = {
  type: "array",
  items: { type: "string", minLength: 1 },
  default: [
    "ai21",
    "amazon",
    "anthropic",
    "cohere",
    "deepseek",
    "luma",
    "meta",
    "mistral",
    "openai",
    "qwen",
    "stability",
    "twelvelabs",
    "writer",
  ],
};
