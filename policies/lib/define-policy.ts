/**
 * `definePolicy`: each policy names itself once and declares its settings once. The helper builds the
 * `configSchema` from the declaration, derives the config type, reads the config with defaults
 * applied once (lib/config.ts), wraps the rule in the guards of lib/policy.ts, and registers the
 * policy where it is defined (lib/registry.ts), so the pack serves it without a list to edit.
 */
import type {
  EnforcementLevel,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { type ConfigOf, type Settings, compileSettings } from "./config";
import { type StackResource, validateResourceOfTypes, validateStackWith } from "./policy";
import { register } from "./registry";
import type { JsonRecord } from "./values";

interface PolicyDeclaration<S extends Settings> {
  name: string;
  /** Starts "Checks that ...". */
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  remediationSteps: string;
  settings: S;
}

/** A resource policy that keeps the types it judges, for the pack's tests and generated docs to read. */
export type TypedResourcePolicy = ResourceValidationPolicy & { readonly resourceTypes: readonly string[] };

/**
 * A stack policy that keeps the types of the stack's resources it reads: resources of other types
 * never change its verdict (policies/test/fuzz.test.ts holds it to that), so the fuzz table and the
 * generated docs derive from the declaration.
 */
export type TypedStackPolicy = StackValidationPolicy & { readonly resourceTypes: readonly string[] };

/** A policy of the pack, as definePolicy makes it. */
export type PackPolicy = TypedResourcePolicy | TypedStackPolicy;

export function defineResourcePolicy<S extends Settings>(
  declaration: PolicyDeclaration<S> & {
    resourceTypes: readonly string[];
    validate(
      props: JsonRecord,
      args: ResourceValidationArgs,
      reportViolation: ReportViolation,
      config: ConfigOf<S>,
    ): void;
  },
): TypedResourcePolicy {
  const { settings, resourceTypes, validate, ...policy } = declaration;
  const compiled = compileSettings(settings);
  return register({
    ...policy,
    resourceTypes,
    configSchema: compiled.configSchema,
    validateResource: validateResourceOfTypes(policy.name, resourceTypes, (props, args, reportViolation) =>
      validate(props, args, reportViolation, compiled.read(args)),
    ),
  });
}

export function defineStackPolicy<S extends Settings>(
  declaration: PolicyDeclaration<S> & {
    /** The types of the stack's resources the rule reads. */
    resourceTypes: readonly string[];
    validate(
      resources: StackResource[],
      args: StackValidationArgs,
      reportViolation: ReportViolation,
      config: ConfigOf<S>,
    ): void;
  },
): TypedStackPolicy {
  const { settings, resourceTypes, validate, ...policy } = declaration;
  const compiled = compileSettings(settings);
  return register({
    ...policy,
    resourceTypes,
    configSchema: compiled.configSchema,
    validateStack: validateStackWith(policy.name, (resources, args, reportViolation) =>
      validate(resources, args, reportViolation, compiled.read(args)),
    ),
  });
}
