/**
 * The assertions of test/helpers/policy-args.ts with one policy bound, so that a test case names
 * only the resources it judges instead of repeating `assertX(policy, resourceArgs(policy, …))`:
 * the outcome is built and checked exactly as by those functions.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  type ArgsOptions,
  type Outcome,
  type ResourceSpec,
  assertHasResourceViolation,
  assertHasStackViolation,
  assertNoResourceViolations,
  assertNoStackViolations,
  assertNotApplicable,
  resourceArgs,
  stackArgs,
} from "./policy-args";

export interface ResourcePolicyChecks {
  /** The policy reports nothing on `spec` (and no value it needs is unknown). */
  expectNoViolations(spec: ResourceSpec, options?: ArgsOptions): Promise<Outcome>;
  /** The policy reports a violation on `spec` whose message contains or matches `expected`. */
  expectViolation(spec: ResourceSpec, expected?: string | RegExp, options?: ArgsOptions): Promise<Outcome>;
  /** The policy reports nothing and says it does not apply to `spec`. */
  expectNotApplicable(spec: ResourceSpec, options?: ArgsOptions): Promise<Outcome>;
}

export function resourcePolicyChecks(policy: ResourceValidationPolicy): ResourcePolicyChecks {
  return {
    expectNoViolations: (spec, options) =>
      assertNoResourceViolations(policy, resourceArgs(policy, spec, options)),
    expectViolation: (spec, expected, options) =>
      assertHasResourceViolation(policy, resourceArgs(policy, spec, options), expected),
    expectNotApplicable: (spec, options) => assertNotApplicable(policy, resourceArgs(policy, spec, options)),
  };
}

export interface StackPolicyChecks {
  /** The policy reports nothing on the stack made of `specs`. */
  expectNoViolations(specs: readonly ResourceSpec[], options?: ArgsOptions): Promise<Outcome>;
  /** The policy reports a violation matching `expected`, on the resource `urn` when one is given. */
  expectViolation(
    specs: readonly ResourceSpec[],
    expected?: string | RegExp,
    urn?: string,
    options?: ArgsOptions,
  ): Promise<Outcome>;
}

export function stackPolicyChecks(policy: StackValidationPolicy): StackPolicyChecks {
  return {
    expectNoViolations: (specs, options) =>
      assertNoStackViolations(policy, stackArgs(policy, specs, options)),
    expectViolation: (specs, expected, urn, options) =>
      assertHasStackViolation(policy, stackArgs(policy, specs, options), expected, urn),
  };
}
