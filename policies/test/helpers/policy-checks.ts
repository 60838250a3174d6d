/**
 * Assertions on what a policy reports, with the policy bound, so that a test case names only the
 * resources it judges. The outcome is built by test/helpers/policy-args.ts exactly as the SDK's
 * server would build it; resource and stack policies differ only in how a case is run.
 */
import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  type ArgsOptions,
  type Outcome,
  type ResourceSpec,
  resourceArgs,
  runResourcePolicy,
  runStackPolicy,
  stackArgs,
} from "./policy-args";

export interface ResourcePolicyChecks {
  /** The policy reports nothing on `spec` (and no value it needs is unknown). */
  expectNoViolations(spec: ResourceSpec, options?: ArgsOptions): Promise<Outcome>;
  /** The policy reports a violation on `spec` whose message contains or matches `expected`. */
  expectViolation(spec: ResourceSpec, expected?: string | RegExp, options?: ArgsOptions): Promise<Outcome>;
  /** The policy reports nothing and says it does not apply to `spec`. */
  expectNotApplicable(spec: ResourceSpec, options?: ArgsOptions): Promise<Outcome>;
  /** One test per case, titled `passes <case>`: the policy reports nothing on any of its specs. */
  itPasses(cases: Record<string, ResourceSpec | readonly ResourceSpec[]>): void;
}

export function resourcePolicyChecks(policy: ResourceValidationPolicy): ResourcePolicyChecks {
  const judge = (spec: ResourceSpec, options?: ArgsOptions) =>
    runResourcePolicy(policy, resourceArgs(policy, spec, options));
  const expectNoViolations = async (spec: ResourceSpec, options?: ArgsOptions) =>
    assertNone(await judge(spec, options), policy.name);
  return {
    expectNoViolations,
    expectViolation: async (spec, expected, options) =>
      assertHas(await judge(spec, options), expected, undefined, policy.name),
    expectNotApplicable: async (spec, options) => {
      const outcome = assertNone(await judge(spec, options), policy.name);
      assert.ok(
        outcome.notApplicable,
        `expected ${policy.name} to say "not applicable"; it reported:\n${show(outcome)}`,
      );
      return outcome;
    },
    itPasses: (cases) => {
      for (const [title, specs] of Object.entries(cases)) {
        it(`passes ${title}`, async () => {
          for (const spec of Array.isArray(specs) ? specs : [specs]) await expectNoViolations(spec);
        });
      }
    },
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
  const judge = (specs: readonly ResourceSpec[], options?: ArgsOptions) =>
    runStackPolicy(policy, stackArgs(policy, specs, options));
  return {
    expectNoViolations: async (specs, options) => assertNone(await judge(specs, options), policy.name),
    expectViolation: async (specs, expected, urn, options) =>
      assertHas(await judge(specs, options), expected, urn, policy.name),
  };
}

function show(outcome: Outcome): string {
  const lines = outcome.violations.map(
    (violation) => `  - ${violation.message}${violation.urn ? ` (${violation.urn})` : ""}`,
  );
  if (outcome.previewUnknown) lines.push(`  - can't run during preview: ${outcome.previewUnknown}`);
  if (outcome.notApplicable) lines.push(`  (not applicable: ${outcome.notApplicable})`);
  return lines.length > 0 ? lines.join("\n") : "  (none)";
}

function assertHas(
  outcome: Outcome,
  expected: string | RegExp | undefined,
  urn: string | undefined,
  policyName: string,
): Outcome {
  const matching = outcome.violations.filter(
    (violation) =>
      (expected === undefined ||
        (typeof expected === "string"
          ? violation.message.includes(expected)
          : expected.test(violation.message))) &&
      (urn === undefined || violation.urn === urn),
  );
  assert.ok(
    matching.length > 0,
    `expected ${policyName} to report a violation${expected ? ` matching ${String(expected)}` : ""}${urn ? ` on ${urn}` : ""}; it reported:\n${show(outcome)}`,
  );
  return outcome;
}

function assertNone(outcome: Outcome, policyName: string): Outcome {
  assert.ok(
    outcome.violations.length === 0 && !outcome.previewUnknown,
    `expected ${policyName} to report nothing; it reported:\n${show(outcome)}`,
  );
  return outcome;
}
