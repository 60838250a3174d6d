import { describeValue, type InputError } from "../../../src/validation";
import type { EnforcementLevel } from "../report/check-report";

export const enforcementLevels: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
];

/** A policy's JSON Schema for one setting (validated with Ajv; these are the keywords the check reads itself). */
export interface JsonSchema {
  [keyword: string]: unknown;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: JsonSchema | boolean;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema | boolean>;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  default?: unknown;
  description?: string;
}

/** A policy as GetAnalyzerInfo describes it. */
export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  kind: "resource" | "stack";
  severity?: "low" | "medium" | "high" | "critical";
  remediationSteps?: string;
  configSchema?: { properties: Record<string, JsonSchema>; required: string[] };
}

/** A policy pack as GetAnalyzerInfo describes it. */
export interface PolicyPackInfo {
  name: string;
  version: string;
  description?: string;
  policies: PolicyInfo[];
}

/** Per policy: the level and settings asked for (validated; defaults not yet applied). */
export type PolicyPackConfig = Record<
  string,
  { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }
>;

/** What Configure sends for one policy: its final level and its settings with schema defaults. */
export interface EffectivePolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

const allPolicies = "all";

/**
 * Reads policy configuration in the format of `pulumi --policy-pack-config`:
 * `{"all": "advisory", "<policy>": "disabled", "<policy>": {"enforcementLevel": "mandatory", "<setting>": ...}}`.
 * Every problem is returned (an unknown policy, a level that does not exist, a setting the policy's
 * schema does not declare or accept), each with the file and the path inside it; nothing is thrown.
 */
export function parsePolicyConfig(
  json: unknown,
  fileName: string,
  info: PolicyPackInfo,
): { config: PolicyPackConfig } | { errors: InputError[] } {
  const errors: InputError[] = [];
  const fail = (path: string, message: string) => errors.push({ file: fileName, path, message });
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    fail("", `expected an object of policy names to levels or settings, got ${describeValue(json)}`);
    return { errors };
  }
  const policies = new Map(info.policies.map((policy) => [policy.name, policy]));
  const config: PolicyPackConfig = {};
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const policy = policies.get(name);
    if (name !== allPolicies && !policy) {
      fail(name, `unknown policy; ${info.name} has: ${allPolicies}, ${[...policies.keys()].join(", ")}`);
      continue;
    }
    if (typeof value === "string") {
      if (isLevel(value)) config[name] = { enforcementLevel: value, properties: {} };
      else fail(name, `expected one of ${enforcementLevels.join(", ")}, got ${describeValue(value)}`);
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      fail(name, `expected an enforcement level or an object of settings, got ${describeValue(value)}`);
      continue;
    }
    const entry: PolicyPackConfig[string] = { properties: {} };
    for (const [key, setting] of Object.entries(value as Record<string, unknown>)) {
      const path = `${name}.${key}`;
      if (key === "enforcementLevel") {
        if (isLevel(setting)) entry.enforcementLevel = setting;
        else fail(path, `expected one of ${enforcementLevels.join(", ")}, got ${describeValue(setting)}`);
        continue;
      }
      const schema = policy?.configSchema?.properties[key];
      if (!policy || schema === undefined) {
        const known = Object.keys(policy?.configSchema?.properties ?? {});
        fail(
          path,
          policy
            ? `unknown setting; ${name} has: ${["enforcementLevel", ...known].join(", ")}`
            : `"${allPolicies}" takes only enforcementLevel`,
        );
        continue;
      }
      for (const problem of validateJson(setting, schema, path)) fail(problem.path, problem.message);
      entry.properties[key] = setting;
    }
    for (const required of policy?.configSchema?.required ?? []) {
      if (
        !(required in entry.properties) &&
        policy?.configSchema?.properties[required]?.default === undefined
      )
        fail(`${name}.${required}`, "required");
    }
    config[name] = entry;
  }
  return errors.length > 0 ? { errors } : { config };
}

/**
 * The configuration Configure sends, as the Pulumi CLI computes it: each policy's own level, then
 * `all`, then the policy's entry; settings are the schema defaults overlaid with the entry's.
 */
export function effectivePolicyConfig(
  info: PolicyPackInfo,
  config: PolicyPackConfig = {},
): Record<string, EffectivePolicyConfig> {
  const result: Record<string, EffectivePolicyConfig> = {};
  for (const policy of info.policies) {
    const properties: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (schema.default !== undefined) properties[key] = schema.default;
    }
    Object.assign(properties, config[policy.name]?.properties);
    result[policy.name] = {
      enforcementLevel:
        config[policy.name]?.enforcementLevel ??
        config[allPolicies]?.enforcementLevel ??
        policy.enforcementLevel,
      properties,
    };
  }
  return result;
}

function isLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (enforcementLevels as readonly string[]).includes(value);
}

/**
 * Validates `value` against a policy's JSON Schema with Ajv (draft-07, as the policy SDK declares
 * its schemas), one problem per offending path: `<path>.<key>[<index>]` in the project's words.
 */
export function validateJson(
  value: unknown,
  schema: JsonSchema | boolean,
  path: string,
): Array<{ path: string; message: string }> {
  const validate = compiled(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const at = path + toPath(error.instancePath);
    if (error.keyword === "required")
      return {
        path: `${at}.${(error.params as { missingProperty: string }).missingProperty}`,
        message: "required",
      };
    if (error.keyword === "additionalProperties")
      return {
        path: `${at}.${(error.params as { additionalProperty: string }).additionalProperty}`,
        message: "not allowed",
      };
    if (error.keyword === "false schema") return { path: at, message: "not allowed" };
    return { path: at, message: `${describeError(error)}, got ${describeValue(error.data)}` };
  });
}

// Ajv is loaded on first use: a check without settings in its policy config never needs it.
let ajv: import("ajv").default | undefined;
const validators = new WeakMap<object, import("ajv").ValidateFunction>();

function compiled(schema: JsonSchema | boolean): import("ajv").ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv ??= new (require("ajv").default as typeof import("ajv").default)({
    allErrors: true,
    verbose: true,
    strict: false,
  });
  const key = typeof schema === "boolean" ? (schema ? trueSchema : falseSchema) : schema;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}
const trueSchema = {};
const falseSchema = {};

/** Ajv's JSON Pointer (`/0/name`) as the project writes paths (`[0].name`). */
function toPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join("");
}

/** What the schema expected, in the words of the project's other input errors. */
function describeError(error: import("ajv").ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const plural = (count: unknown, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  switch (error.keyword) {
    case "type":
      return `expected ${String(params.type).split(",").map(article).join(" or ")}`;
    case "enum":
      return `expected one of ${(params.allowedValues as unknown[]).map((option) => JSON.stringify(option)).join(", ")}`;
    case "const":
      return `expected ${JSON.stringify(params.allowedValue)}`;
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const words = { ">=": "at least", ">": "greater than", "<=": "at most", "<": "less than" } as const;
      return `expected a number ${words[params.comparison as keyof typeof words]} ${params.limit}`;
    }
    case "minLength":
      return `expected at least ${plural(params.limit, "character")}`;
    case "maxLength":
      return `expected at most ${plural(params.limit, "character")}`;
    case "minItems":
      return `expected at least ${plural(params.limit, "item")}`;
    case "maxItems":
      return `expected at most ${plural(params.limit, "item")}`;
    case "uniqueItems":
      return "expected unique items";
    case "pattern":
      return `expected to match ${params.pattern}`;
    default:
      // Ajv says "must match exactly one schema in oneOf" and the like.
      return `expected to ${(error.message ?? `satisfy ${error.keyword}`).replace(/^must /, "")}`;
  }
}

const article = (type: string): string =>
  type === "array" || type === "object" || type === "integer" ? `an ${type}` : `a ${type}`;
