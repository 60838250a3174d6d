import { costAllocationTagsActive as policy } from "../rules/cost-allocation-tags-active";
import { type ResourceSpec, UNKNOWN } from "./helpers/policy-args";
import { stackPolicyChecks } from "./helpers/policy-checks";

const { expectNoViolations, expectViolation } = stackPolicyChecks(policy);

const mandatory = ["tenant", "environment", "dept", "team", "app", "cost-center"];
const profile: ResourceSpec = {
  type: "aws:bedrock/inferenceProfile:InferenceProfile",
  name: "claims-chatbot-dev",
  props: { tags: { tenant: "claims" } },
};
const tag = (tagKey: unknown, status: unknown = "Active"): ResourceSpec => ({
  type: "aws:costexplorer/costAllocationTag:CostAllocationTag",
  name: `cost-allocation-${String(tagKey)}`,
  props: { tagKey, status },
});

function getHappyPathArgs(): ResourceSpec[] {
  return [profile, ...mandatory.map((key) => tag(key))];
}

describe("#cost-allocation-tags-active", () => {
  it("passes when every mandatory key is activated in a stack with profiles", async () => {
    await expectNoViolations(getHappyPathArgs());
  });

  it("passes a stack that activates no key: the org stack owns activation", async () => {
    await expectNoViolations([profile]);
  });

  it("fails an org stack (activations, no profiles) that leaves a key out", async () => {
    await expectViolation(
      [tag("tenant")],
      "tag keys environment, dept, team, app and cost-center are not activated",
    );
  });

  it("fails when a key is not activated, naming it", async () => {
    await expectViolation(
      [profile, ...mandatory.slice(0, 5).map((key) => tag(key))],
      "tag key cost-center is not activated for cost allocation",
    );
  });

  it("fails when a key's status is Inactive", async () => {
    await expectViolation(
      [profile, ...mandatory.map((key) => tag(key, key === "team" ? "Inactive" : "Active"))],
      "tag key team",
    );
  });

  it("reads the keys from config", async () => {
    await expectNoViolations([profile, tag("tenant")], { config: { mandatoryTags: ["tenant"] } });
  });

  it("does not guess while a tag key or status is unknown", async () => {
    await expectNoViolations([profile, tag(UNKNOWN)]);
    await expectNoViolations([profile, ...mandatory.map((key) => tag(key, UNKNOWN))]);
  });
});
