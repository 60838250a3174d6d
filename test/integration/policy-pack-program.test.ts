/**
 * This repository's own program, judged by its own pack the way `pulumi preview --policy-pack
 * policies` would: the registrations of the real index.ts under mocks, sent over the Analyzer
 * protocol to the pack started by run-policy-pack.
 */
import * as assert from "node:assert/strict";
import { policyPackPerSuite, violationLines } from "../helpers/policy-pack";
import { planStack } from "../helpers/program";

describe("the program's resources under the policy pack", function () {
  this.timeout(120_000);
  const host = policyPackPerSuite();

  for (const stack of ["dev", "prod"]) {
    it(`passes every policy, mandatory and advisory, in ${stack}`, async () => {
      const plan = await planStack(stack);
      assert.ok(
        plan.byType("aws:bedrock/inferenceProfile:InferenceProfile").length > 0,
        "the plan has profiles to judge",
      );
      const violations = await host().judge([...plan.resources]);
      assert.deepEqual(violationLines(violations), []);
      assert.deepEqual(
        host().logs.filter((entry) => entry.severity === "warning" || entry.severity === "error"),
        [],
        "no policy skipped a resource",
      );
    });
  }

  it("blocks the prod program when a profile loses its protection and a cost tag", async () => {
    const plan = await planStack("prod");
    const [first] = plan.byType("aws:bedrock/inferenceProfile:InferenceProfile");
    const { "cost-center": _, ...tags } = first.inputs.tags as Record<string, string>;
    const changed = plan.resources.map((resource) =>
      resource.urn === first.urn
        ? {
            ...resource,
            protect: false,
            inputs: { ...resource.inputs, tags },
            outputs: { ...resource.outputs, tags, tagsAll: tags },
          }
        : resource,
    );
    const violations = await host().judge(changed);
    assert.deepEqual(
      violations
        .map((violation) => `${violation.enforcementLevel} ${violation.policyName} ${violation.urn}`)
        .sort(),
      [`mandatory bedrock-profile-cost-tags ${first.urn}`, `mandatory prod-profiles-protected ${first.urn}`],
    );
  });
});
