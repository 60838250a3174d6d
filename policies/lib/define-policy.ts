/**
 * `definePolicy`: each policy names itself once and declares its settings once. The helper builds the
 * `configSchema` from the declaration, derives the config type, reads the config with defaults
 * applied once (lib/config.ts), and wraps the rule in the guards of lib/policy.ts.
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
  return {
    ...policy,
    resourceTypes,
    configSchema: compiled.configSchema,
    validateResource: validateResourceOfTypes(policy.name, resourceTypes, (props, args, reportViolation) =>
      validate(props, args, reportViolation, compiled.read(args)),
    ),
  };
}

export function defineStackPolicy<S extends Settings>(
  declaration: PolicyDeclaration<S> & {
    validate(
      resources: StackResource[],
      args: StackValidationArgs,
      reportViolation: ReportViolation,
      config: ConfigOf<S>,
    ): void;
  },
): StackValidationPolicy {
  const { settings, validate, ...policy } = declaration;
  const compiled = compileSettings(settings);
  return {
    ...policy,
    configSchema: compiled.configSchema,
    validateStack: validateStackWith(policy.name, (resources, args, reportViolation) =>
      validate(resources, args, reportViolation, compiled.read(args)),
    ),
  };
}
