/**
 * Robustness: a policy that throws fails the Analyzer call, and with it every `pulumi up` in the
 * organisation. Random resource properties, random and mutated IAM documents and random stacks
 * must never make a policy throw (the helper turns a rule's internal error back into a throw).
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import type { TypedStackPolicy } from "../lib/define-policy";
import { policies } from "../policies";
import { bedrockInvokeThroughProfiles } from "../rules/bedrock-invoke-through-profiles";
import { iamDocumentTypes } from "../lib/resource-types";
import { config, document, mutatedText, runs, spec } from "./helpers/arbitraries";
import {
  type ResourceSpec,
  resourceArgs,
  runResourcePolicy,
  runStackPolicy,
  stackArgs,
  urnOf,
} from "./helpers/policy-args";

/** Each resource policy with the types it judges, as it declares them (most runs go there; the rest are any type). */
const resourcePolicies = policies.flatMap((policy) =>
  "validateResource" in policy ? [[policy, policy.resourceTypes] as const] : [],
);
const stackPolicies = policies.filter((policy): policy is TypedStackPolicy => "validateStack" in policy);
/** Every type a policy of the pack declares, and one that none reads: the registry's, not a list kept here. */
const judgedTypes = [...new Set(policies.flatMap((policy) => policy.resourceTypes)), "aws:s3/bucket:Bucket"];
/** Mostly the policy's own types, sometimes any other. */
const typeFor = (ownTypes: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...ownTypes), weight: 4 },
    { arbitrary: fc.constantFrom(...judgedTypes), weight: 1 },
  );
/** A stack of random resources, linked by random (sometimes dangling) dependencies. */
const linkedStack = (type: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.array(spec(type), { maxLength: 12 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("dimensions", "costFilters", "metricQueries")), {
        maxLength: 6,
      }),
    )
    .map(([resources, links]) => {
      const named: ResourceSpec[] = resources.map((resource, index) => ({ ...resource, name: `r${index}` }));
      for (const [from, to, property] of links) {
        if (named.length === 0) break;
        const source = named[from % named.length];
        source.propertyDependencies = {
          ...source.propertyDependencies,
          [property]: [urnOf(named[to % named.length]), "urn:pulumi:test::x::missing::gone"],
        };
        source.dependencies = [urnOf(named[to % named.length])];
      }
      return named;
    });

describe("policy pack robustness (property-based)", () => {
  it("runs every policy of the pack", () => {
    const fuzzed = [...resourcePolicies.map(([policy]) => policy), ...stackPolicies];
    assert.deepEqual(
      policies.filter((policy) => !fuzzed.includes(policy)).map((policy) => policy.name),
      [],
    );
  });

  for (const [policy, ownTypes] of resourcePolicies) {
    it(`${policy.name} never throws on random properties, providers and config`, async () => {
      await fc.assert(
        fc.asyncProperty(spec(typeFor(ownTypes)), config, async (resource, settings) => {
          const outcome = await runResourcePolicy(
            policy,
            resourceArgs(policy, resource, { config: settings }),
          );
          assert.equal(
            outcome.previewUnknown,
            undefined,
            "an unknown value must be read as data, not reach the SDK's proxy error",
          );
        }),
        runs,
      );
    });
  }

  it("bedrock-invoke-through-profiles never throws on random or mutated documents, as strings or objects", async () => {
    const policy = bedrockInvokeThroughProfiles;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          document,
          document.map((d) => JSON.stringify(d)),
          mutatedText,
        ),
        fc.constantFrom(...iamDocumentTypes),
        async (policyDocument, type) => {
          const resourceProps = type.includes("aws-native")
            ? { policyDocument, policies: [{ policyName: "p", policyDocument }] }
            : { policy: policyDocument, inlinePolicies: [{ name: "p", policy: policyDocument }] };
          await runResourcePolicy(policy, resourceArgs(policy, { type, props: resourceProps }));
        },
      ),
      { numRuns: 1000 },
    );
  });

  for (const policy of stackPolicies) {
    it(`${policy.name} never throws on random stacks with random dependencies`, async () => {
      await fc.assert(
        fc.asyncProperty(linkedStack(typeFor(policy.resourceTypes)), config, async (resources, settings) => {
          const outcome = await runStackPolicy(policy, stackArgs(policy, resources, { config: settings }));
          assert.equal(outcome.previewUnknown, undefined);
        }),
        runs,
      );
    });

    it(`${policy.name} reads only the types it declares: resources of others never change its verdict`, async () => {
      const otherTypes = judgedTypes.filter((type) => !policy.resourceTypes.includes(type));
      await fc.assert(
        fc.asyncProperty(
          linkedStack(fc.constantFrom(...policy.resourceTypes)),
          fc.array(spec(fc.constantFrom(...otherTypes)), { maxLength: 6 }),
          config,
          async (own, others, settings) => {
            const alone = await runStackPolicy(policy, stackArgs(policy, own, { config: settings }));
            const named = others.map((other, index) => ({ ...other, name: `other${index}` }));
            const mixed = await runStackPolicy(
              policy,
              stackArgs(policy, [...named, ...own], { config: settings }),
            );
            assert.deepEqual(mixed, alone);
          },
        ),
        runs,
      );
    });
  }
});
