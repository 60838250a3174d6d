/**
 * Policy settings: each declared once (`setting.*`), which gives its JSON schema, its default and its
 * TypeScript type. Values are validated with Ajv against the declared schema; the Pulumi CLI validates
 * `--policy-pack-config` too and sends defaults merged in, but a policy must not depend on that (older
 * engines, other drivers, unit tests), so a value that does not fit falls back to its default.
 * `settingErrors` gives the same validation as `file: path: message` errors, for tools that refuse
 * bad configuration before anything runs.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { defaultMandatoryTags } from "./contracts";

/** One setting: its schema (with `default`) and, at the type level, the value it holds. */
export interface Setting<T> {
  schema: PolicyConfigJSONSchema & { default: T };
  /** Type carrier only. */
  readonly value?: T;
}

type Extra = Omit<PolicyConfigJSONSchema, "type" | "default" | "items" | "enum">;

/** AWS tag keys are 1-128 characters (botocore bedrock and resourcegroupstaggingapi, shape `TagKey`). */
const tagKeyLimits = { maxLength: 128 };

export const setting = {
  string: (value: string, extra: Extra = {}): Setting<string> => ({
    schema: { type: "string", minLength: 1, ...extra, default: value },
  }),
  number: (value: number, extra: Extra = {}): Setting<number> => ({
    schema: { type: "number", ...extra, default: value },
  }),
  strings: (value: string[], items: Extra = {}, extra: Extra = {}): Setting<string[]> => ({
    schema: { type: "array", items: { type: "string", minLength: 1, ...items }, ...extra, default: value },
  }),
  oneOf: <const T extends string>(values: readonly T[], value: T): Setting<T> => ({
    schema: { type: "string", enum: [...values], default: value },
  }),
  /** A tag key, such as the key that names a profile's tenant or environment. */
  tagKey: (value: string): Setting<string> => setting.string(value, tagKeyLimits),
  /** A list of tag keys. */
  tagKeys: (value: string[]): Setting<string[]> => setting.strings(value, tagKeyLimits),
  lists: (value: Record<string, string[]>): Setting<Record<string, string[]>> => ({
    schema: {
      type: "object",
      additionalProperties: { type: "array", items: { type: "string" } },
      default: value,
    },
  }),
};

export type Settings = Record<string, Setting<unknown>>;
export type ConfigOf<S extends Settings> = { [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

const ajv = new Ajv({ allErrors: true, strict: false });

export interface CompiledSettings<S extends Settings> {
  configSchema: PolicyConfigSchema;
  defaults: ConfigOf<S>;
  read(args: { getConfig<C extends object>(): C }): ConfigOf<S>;
}

/**
 * Compiles the settings once per policy. `read` applies defaults once per configuration: the SDK
 * hands every call the same configured object, so the result is kept for it.
 */
export function compileSettings<S extends Settings>(settings: S): CompiledSettings<S> {
  const names = Object.keys(settings);
  const validators = new Map<string, ValidateFunction>(
    names.map((name) => [name, ajv.compile(settings[name].schema)]),
  );
  const defaults = Object.fromEntries(
    names.map((name) => [name, settings[name].schema.default]),
  ) as ConfigOf<S>;
  const cache = new WeakMap<object, ConfigOf<S>>();
  return {
    configSchema: { properties: Object.fromEntries(names.map((name) => [name, settings[name].schema])) },
    defaults,
    read(args) {
      let configured: unknown;
      try {
        configured = args.getConfig();
      } catch {
        return defaults;
      }
      if (typeof configured !== "object" || configured === null || Array.isArray(configured)) return defaults;
      let config = cache.get(configured);
      if (!config) {
        const source = configured as Record<string, unknown>;
        config = Object.fromEntries(
          names.map((name) => {
            const value = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
            return [
              name,
              value !== undefined && validators.get(name)!(value) ? value : defaults[name as keyof S],
            ];
          }),
        ) as ConfigOf<S>;
        cache.set(configured, config);
      }
      return config;
    },
  };
}

export interface SettingError {
  file: string;
  /** Dotted path from the file's root: `prod-profiles-protected.protectedEnvironments[0]`. */
  path: string;
  message: string;
}

const compiledSchemas = new WeakMap<object, ValidateFunction>();

/** Ajv's verdict on `value` against a policy's settings schema, as `file: path: message` errors under `at`. */
export function settingErrors(
  schema: PolicyConfigSchema,
  value: unknown,
  file: string,
  at: string,
): SettingError[] {
  let validate = compiledSchemas.get(schema);
  if (!validate) {
    validate = ajv.compile({ type: "object", ...schema, additionalProperties: false });
    compiledSchemas.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({
    file,
    path: pathOf(at, error),
    message: messageOf(error),
  }));
}

function pathOf(at: string, error: ErrorObject): string {
  const steps = error.instancePath
    .split("/")
    .slice(1)
    .map((step) => step.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (error.keyword === "additionalProperties") steps.push(String(error.params.additionalProperty));
  return steps.reduce((path, step) => (/^\d+$/.test(step) ? `${path}[${step}]` : `${path}.${step}`), at);
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case "additionalProperties":
      return "is not a setting of this policy";
    case "enum":
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return error.message ?? "is not valid";
  }
}

/**
 * The mandatory cost-allocation tag keys, a setting of the policies on tags and of the invoke rule
 * (for grants that create profiles). Its default is the program's (lib/contracts.ts).
 */
export const mandatoryTagsSetting = setting.tagKeys([...defaultMandatoryTags]);

/** Model provider prefixes that make a dotted value a bare model id (`anthropic.claude-...`). */
export const modelProvidersSetting = setting.strings([
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
]);
