/**
 * This repository's own program, judged by its own pack the way `pulumi preview --policy-pack
 * policies` would: the registrations of the real index.ts under mocks, sent over the Analyzer
 * protocol to the pack started by run-policy-pack.
 */
import * as assert from "node:assert/strict";
import { policyPackPerSuite } from "../helpers/policy-pack";
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
      const violations = await host().analyze([...plan.resources]);
      assert.deepEqual(
        violations.map(
          (violation) =>
            `${violation.enforcementLevel} ${violation.policyName} ${violation.urn ?? "(stack)"}: ${violation.message}`,
        ),
        [],
      );
      assert.deepEqual(
        host().logs.filter((entry) => entry.severity === "warning" || entry.severity === "error"),
        [],
        "no policy skipped a resource",
      );
    });
  }

  it("passes every policy in org, whose plan holds SCPs to judge", async () => {
    const plan = await planStack("org");
    assert.equal(plan.byType("aws:organizations/policy:Policy").length, 3);
    const violations = await host().analyze([...plan.resources]);
    assert.deepEqual(
      violations.map((violation) => `${violation.policyName}: ${violation.message}`),
      [],
    );
  });

  it("blocks the org program when its invoke SCP leaves the system-defined profiles open", async () => {
    const plan = await planStack("org");
    const invoke = plan
      .byType("aws:organizations/policy:Policy")
      .find((scp) => scp.inputs.name === "bedrock-invoke-through-application-profiles")!;
    const content = String(invoke.inputs.content).replace(',"arn:*:bedrock:*:*:inference-profile/*"', "");
    assert.notEqual(content, invoke.inputs.content);
    const resources = plan.resources.map((resource) =>
      resource === invoke
        ? { ...invoke, inputs: { ...invoke.inputs, content }, outputs: { ...invoke.outputs, content } }
        : resource,
    );
    const violations = await host().analyze(resources);
    assert.deepEqual(
      violations.map((violation) => `${violation.enforcementLevel} ${violation.policyName}`),
      [
        "mandatory scp-closes-model-paths",
        "mandatory scp-closes-model-paths",
        "mandatory scp-closes-model-paths",
      ],
    );
  });

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
    const violations = await host().analyze(changed);
    assert.deepEqual(
      violations
        .map((violation) => `${violation.enforcementLevel} ${violation.policyName} ${violation.urn}`)
        .sort(),
      [`mandatory bedrock-profile-cost-tags ${first.urn}`, `mandatory prod-profiles-protected ${first.urn}`],
    );
  });
});
