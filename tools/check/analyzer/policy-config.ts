import { describeValue, type InputError } from "../../../src/validation";
import type { EnforcementLevel } from "../report";

export const enforcementLevels: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
];

/** The subset of JSON Schema that policy config schemas use (unknown keywords are ignored). */
export interface JsonSchema {
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

/** Validates `value` against the JSON Schema subset above; one problem per offending path. */
export function validateJson(
  value: unknown,
  schema: JsonSchema | boolean,
  path: string,
): Array<{ path: string; message: string }> {
  if (schema === true) return [];
  if (schema === false) return [{ path, message: "not allowed" }];
  const problems: Array<{ path: string; message: string }> = [];
  const fail = (message: string, at = path) =>
    problems.push({ path: at, message: `${message}, got ${describeValue(value)}` });
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((type) => hasJsonType(value, type))) {
    fail(`expected ${types.map(article).join(" or ")}`);
    return problems;
  }
  if (schema.enum && !schema.enum.some((option) => sameJson(option, value)))
    fail(`expected one of ${schema.enum.map((option) => JSON.stringify(option)).join(", ")}`);
  if ("const" in schema && !sameJson(schema.const, value)) fail(`expected ${JSON.stringify(schema.const)}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      fail(`expected a number at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      fail(`expected a number at most ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      fail(`expected a number greater than ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      fail(`expected a number less than ${schema.exclusiveMaximum}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      fail(`expected at least ${schema.minLength} character${schema.minLength === 1 ? "" : "s"}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      fail(`expected at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !safeRegExp(schema.pattern)?.test(value))
      fail(`expected to match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      fail(`expected at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      fail(`expected at most ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length)
      fail("expected unique items");
    if (schema.items !== undefined)
      value.forEach((item, index) =>
        problems.push(...validateJson(item, schema.items as JsonSchema | boolean, `${path}[${index}]`)),
      );
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const required of schema.required ?? [])
      if (!(required in record)) problems.push({ path: `${path}.${required}`, message: "required" });
    for (const [key, item] of Object.entries(record)) {
      const propertySchema = schema.properties?.[key] ?? schema.additionalProperties;
      if (propertySchema !== undefined)
        problems.push(...validateJson(item, propertySchema, `${path}.${key}`));
    }
  }
  return problems;
}

function hasJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

const article = (type: string): string =>
  type === "array" || type === "object" || type === "integer" ? `an ${type}` : `a ${type}`;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
}
