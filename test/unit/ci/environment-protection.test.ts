import { strict as assert } from "node:assert";
import {
  type BranchPoliciesResponse,
  type EnvironmentResponse,
  protectionProblems,
  requirements,
} from "../../../tools/ci/environment-protection";

const prod = requirements.find((r) => r.name === "prod")!;
const dev = requirements.find((r) => r.name === "dev")!;
const mainOnly: BranchPoliciesResponse = { branch_policies: [{ name: "main", type: "branch" }] };
const protectedProd: EnvironmentResponse = {
  can_admins_bypass: false,
  protection_rules: [
    { type: "required_reviewers", reviewers: [{ type: "Team" }], prevent_self_review: true },
    { type: "branch_policy" },
  ],
  deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
};

describe("deploy pre-job: environment protection (tools/ci/environment-protection.ts)", () => {
  it("requires org and prod reviewers, dev only the branch limit", () => {
    assert.deepEqual(
      requirements.map((r) => [r.name, r.reviewers]),
      [
        ["org", true],
        ["dev", false],
        ["prod", true],
      ],
    );
  });

  it("passes a prod limited to main, with reviewers and no administrator bypass", () => {
    assert.deepEqual(protectionProblems(prod, protectedProd, mainOnly), []);
  });

  it("fails closed on an environment that does not exist", () => {
    assert.deepEqual(protectionProblems(prod, undefined, undefined), ['environment "prod" does not exist']);
  });

  it("names each missing rule: reviewers, administrator bypass, branch limit", () => {
    const open: EnvironmentResponse = {
      can_admins_bypass: true,
      protection_rules: [],
      deployment_branch_policy: null,
    };
    assert.deepEqual(protectionProblems(prod, open, undefined), [
      'environment "prod": deployment branches must be limited to exactly "main" (found no limit)',
      'environment "prod": no required reviewers',
      'environment "prod": administrators may bypass its protection rules (turn "Allow administrators to bypass" off)',
    ]);
  });

  it("refuses a branch limit wider than main: protected branches, a pattern, a tag", () => {
    const withPolicy = (policy: EnvironmentResponse["deployment_branch_policy"]) => ({
      ...protectedProd,
      deployment_branch_policy: policy,
    });
    assert.match(
      protectionProblems(
        prod,
        withPolicy({ protected_branches: true, custom_branch_policies: false }),
        undefined,
      )[0],
      /found protected branches/,
    );
    assert.match(
      protectionProblems(prod, protectedProd, { branch_policies: [{ name: "*", type: "branch" }] })[0],
      /found branch:\*/,
    );
    assert.match(
      protectionProblems(prod, protectedProd, {
        branch_policies: [...mainOnly.branch_policies, { name: "v*", type: "tag" }],
      })[0],
      /found branch:main, tag:v\*/,
    );
  });

  it("limits dev to main as well, without asking for reviewers", () => {
    const devEnv: EnvironmentResponse = {
      can_admins_bypass: true,
      protection_rules: [],
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    };
    assert.deepEqual(protectionProblems(dev, devEnv, mainOnly), []);
    assert.equal(protectionProblems(dev, { ...devEnv, deployment_branch_policy: null }, undefined).length, 1);
  });
});
