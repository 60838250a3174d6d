/**
 * The glue between the policy SDK and the rules: type filtering, plain properties, and a guard that
 * keeps a bug in one rule from crashing the Analyzer. A thrown error would fail every `pulumi up` in
 * the organisation; the guard turns it into a warning in the engine's log instead, and the fuzz tests
 * (policies/test/fuzz.test.ts) make it throw so such bugs are found before release.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidation,
  StackValidationArgs,
} from "@pulumi/policy";
import * as log from "@pulumi/pulumi/log";
import { type JsonRecord, isRecord, plain } from "./values";

type InternalErrorHandler = (policyName: string, error: unknown, urn?: string) => void;

let internalErrorHandler: InternalErrorHandler = (policyName, error, urn) => {
  const reason = error instanceof Error ? error.message : String(error);
  void log.warn(
    `policy ${policyName} could not judge ${urn ?? "the stack"} and skipped it (internal error: ${reason})`,
  );
};

/** Replaces what a rule's internal error does (tests make it throw). Returns the previous handler. */
export function setInternalErrorHandler(handler: InternalErrorHandler): InternalErrorHandler {
  const previous = internalErrorHandler;
  internalErrorHandler = handler;
  return previous;
}

/** A resource's plain properties (never a proxy; `{}` when they are not an object). */
export function propsOf(resource: { props: unknown }): JsonRecord {
  const props = plain(resource.props);
  return isRecord(props) ? props : {};
}

export type TypedValidation = (
  props: JsonRecord,
  args: ResourceValidationArgs,
  reportViolation: ReportViolation,
) => void;

/**
 * `validateResourceOfType` for type tokens: runs `validate` on resources of `resourceTypes` with
 * plain properties and says "not applicable" for the others. With one type, the SDK's fast path
 * (`__pulumiType`) skips other resources without calling the policy at all.
 */
export function validateResourceOfTypes(
  policyName: string,
  resourceTypes: readonly string[],
  validate: TypedValidation,
): ResourceValidation {
  const otherType = `applies to ${resourceTypes.join(", ")}`;
  const validation: ResourceValidation = (args, reportViolation) => {
    if (!resourceTypes.includes(args.type)) notApplicableWithoutTrace(args, otherType);
    const { tracked, wasCalled } = trackNotApplicable(args);
    try {
      validate(propsOf(args), tracked, reportViolation);
    } catch (error) {
      if (wasCalled()) throw error; // the SDK's "not applicable" signal, not a failure
      internalErrorHandler(policyName, error, args.urn);
    }
  };
  if (resourceTypes.length === 1) (validation as { __pulumiType?: string }).__pulumiType = resourceTypes[0];
  return validation;
}

/**
 * The SDK says "not applicable" by throwing an Error, and most resources are of another type than a
 * given policy judges: capturing a stack trace for each of those cost more than judging the rest.
 */
function notApplicableWithoutTrace(args: ResourceValidationArgs, reason: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return args.notApplicable(reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** One stack resource as the stack rules read it: plain properties, dependencies as URNs. */
export interface StackResource {
  type: string;
  urn: string;
  name: string;
  props: JsonRecord;
  protect: boolean;
  provider?: { type: string; props: unknown };
  dependencies: ReadonlySet<string>;
  /** Input property → URNs its value came from. */
  propertyDependencies: ReadonlyMap<string, ReadonlySet<string>>;
}

export type StackRule = (
  resources: StackResource[],
  args: StackValidationArgs,
  reportViolation: ReportViolation,
) => void;

export function validateStackWith(policyName: string, rule: StackRule): StackValidation {
  return (args, reportViolation) => {
    let resources: StackResource[];
    try {
      resources = (Array.isArray(args.resources) ? args.resources : []).map(toStackResource);
    } catch (error) {
      internalErrorHandler(policyName, error);
      return;
    }
    const { tracked, wasCalled } = trackNotApplicable(args);
    try {
      rule(resources, tracked, reportViolation);
    } catch (error) {
      if (wasCalled()) throw error;
      internalErrorHandler(policyName, error);
    }
  };
}

/** The SDK signals "not applicable" by throwing from `notApplicable`; the guard must let that through. */
function trackNotApplicable<T extends { notApplicable(reason?: string): never }>(
  args: T,
): { tracked: T; wasCalled: () => boolean } {
  let called = false;
  const tracked: T = {
    ...args,
    notApplicable: (reason?: string): never => {
      called = true;
      return args.notApplicable(reason);
    },
  };
  return { tracked, wasCalled: () => called };
}

function toStackResource(resource: PolicyResource): StackResource {
  const urnsOf = (list: unknown): Set<string> =>
    new Set(
      (Array.isArray(list) ? list : [])
        .map((dependency: { urn?: unknown }) => dependency?.urn)
        .filter((urn): urn is string => typeof urn === "string"),
    );
  const propertyDependencies = new Map<string, Set<string>>();
  const byProperty: unknown = resource.propertyDependencies;
  if (isRecord(byProperty)) {
    for (const key of Object.keys(byProperty)) propertyDependencies.set(key, urnsOf(byProperty[key]));
  }
  return {
    type: String(resource.type),
    urn: String(resource.urn),
    name: String(resource.name),
    props: propsOf(resource),
    protect: resource.opts?.protect === true,
    provider: resource.provider
      ? { type: String(resource.provider.type), props: resource.provider.props }
      : undefined,
    dependencies: urnsOf(resource.dependencies),
    propertyDependencies,
  };
}
