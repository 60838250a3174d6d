import * as assert from "node:assert/strict";
import type { PolicyInfo, PolicyPackInfo } from "../../../tools/check/analyzer/policy-config";
import { withStackMandatoryTags } from "../../../tools/check/input/stack-config-mandatory-tags";

const policy = (name: string, settings: string[]): PolicyInfo => ({
  name,
  description: "Checks whether…",
  enforcementLevel: "mandatory",
  kind: "resource",
  configSchema: {
    properties: Object.fromEntries(settings.map((setting) => [setting, { type: "array" }])),
    required: [],
  },
});
const info: PolicyPackInfo = {
  name: "bedrock-cost-guardrails",
  version: "0.1.0",
  policies: [policy("bedrock-profile-cost-tags", ["mandatoryTags"]), policy("budget-notifications", [])],
};
const stackTags = ["tenant", "environment", "dept"];

describe("one set of mandatory tags: the stack's, handed to the pack", () => {
  it("gives the stack's mandatoryTags to every policy that has the setting, and to no other", () => {
    const { config, warnings } = withStackMandatoryTags({}, info, stackTags, "Pulumi.dev.yaml", "");
    assert.deepEqual(config, { "bedrock-profile-cost-tags": { properties: { mandatoryTags: stackTags } } });
    assert.deepEqual(warnings, []);
  });

  it("lets a --policy-config that sets other tags win, with a warning naming both lists", () => {
    const configured = { "bedrock-profile-cost-tags": { properties: { mandatoryTags: ["tenant"] } } };
    const { config, warnings } = withStackMandatoryTags(
      configured,
      info,
      stackTags,
      "Pulumi.dev.yaml",
      "policy-config.json",
    );
    assert.deepEqual(config, configured);
    assert.deepEqual(warnings, [
      {
        file: "policy-config.json",
        path: "bedrock-profile-cost-tags.mandatoryTags",
        message:
          "differs from Pulumi.dev.yaml's mandatoryTags (tenant, environment, dept): the pack judges with tenant",
      },
    ]);
    const same = {
      "bedrock-profile-cost-tags": { properties: { mandatoryTags: ["dept", "tenant", "environment"] } },
    };
    assert.deepEqual(withStackMandatoryTags(same, info, stackTags, "Pulumi.dev.yaml", "c.json").warnings, []);
  });

  it("leaves the pack's own default when the stack has no valid config", () => {
    assert.deepEqual(withStackMandatoryTags({}, info, undefined, "Pulumi.dev.yaml", ""), {
      config: {},
      warnings: [],
    });
  });
});
