import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { bedrockInvokeThroughProfiles } from "../../policies/rules/bedrock-invoke-through-profiles";
import { bedrockProfileCostTags } from "../../policies/rules/bedrock-profile-cost-tags";
import { budgetNotifications } from "../../policies/rules/budget-notifications";
import { tenantBudgetCoverage } from "../../policies/rules/tenant-budget-coverage";
import { policies } from "../../policies/policies";
import {
  type JsonSchema,
  type PolicyPackInfo,
  effectivePolicyConfig,
} from "../../tools/check/analyzer/policy-config";
import type { InputError } from "../../src/validation";
import { acceptedPolicyConfig, refusedPolicyConfig } from "../helpers/policy-config";

/** What GetAnalyzerInfo would say about a pack of these policies (the integration test checks the real answer). */
function packInfo(policies: Array<ResourceValidationPolicy | StackValidationPolicy>): PolicyPackInfo {
  return {
    name: "bedrock-cost-guardrails",
    version: "0.1.0",
    policies: policies.map((policy) => ({
      name: policy.name,
      description: policy.description,
      enforcementLevel: policy.enforcementLevel ?? "advisory",
      kind: "validateStack" in policy ? "stack" : "resource",
      configSchema: {
        properties: policy.configSchema?.properties as Record<string, JsonSchema>,
        required: policy.configSchema?.required ?? [],
      },
    })),
  };
}

const info = packInfo([
  bedrockProfileCostTags,
  bedrockInvokeThroughProfiles,
  budgetNotifications,
  tenantBudgetCoverage,
]);
const file = "policy-config.json";
const pathsAndMessages = (errors: InputError[]) => errors.map((error) => `${error.path}: ${error.message}`);

describe("policy config (the --policy-pack-config format)", () => {
  it("reads levels given as strings, levels and settings given as objects, and all", () => {
    const config = acceptedPolicyConfig(
      {
        all: "advisory",
        "bedrock-invoke-through-profiles": "disabled",
        "bedrock-profile-cost-tags": { enforcementLevel: "mandatory", mandatoryTags: ["tenant"] },
      },
      file,
      info,
    );
    const effective = effectivePolicyConfig(info, config);
    assert.deepEqual(effective["bedrock-profile-cost-tags"], {
      enforcementLevel: "mandatory",
      properties: { mandatoryTags: ["tenant"], allowedValues: {} },
    });
    assert.equal(effective["bedrock-invoke-through-profiles"].enforcementLevel, "disabled");
    assert.equal(effective["budget-notifications"].enforcementLevel, "advisory");
    assert.deepEqual(effective["budget-notifications"].properties, {
      currency: "USD",
      maxThresholdPercent: 100,
    });
  });

  it("keeps each policy's own level and the schema defaults when nothing is configured", () => {
    const effective = effectivePolicyConfig(info);
    assert.equal(effective["tenant-budget-coverage"].enforcementLevel, "mandatory");
    assert.deepEqual(effective["tenant-budget-coverage"].properties, { tenantTagKey: "tenant" });
  });

  it("refuses an unknown policy, naming the file, the path and the policies there are", () => {
    const errors = refusedPolicyConfig({ "bedrock-cost-tags": "mandatory" }, file, info);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, file);
    assert.equal(errors[0].path, "bedrock-cost-tags");
    assert.match(
      errors[0].message,
      /^unknown policy; bedrock-cost-guardrails has: all, bedrock-profile-cost-tags, /,
    );
  });

  it("refuses a level that does not exist, as a string or as enforcementLevel", () => {
    assert.deepEqual(
      pathsAndMessages(
        refusedPolicyConfig(
          { all: "blocking", "budget-notifications": { enforcementLevel: "strict" } },
          file,
          info,
        ),
      ),
      [
        'all: expected one of advisory, mandatory, remediate, disabled, got "blocking"',
        'budget-notifications.enforcementLevel: expected one of advisory, mandatory, remediate, disabled, got "strict"',
      ],
    );
  });

  it("refuses settings the schema does not declare or accept, with the path to each", () => {
    const errors = refusedPolicyConfig(
      {
        "bedrock-profile-cost-tags": {
          mandatoryTags: ["tenant", ""],
          allowedValues: { environment: "prod" },
          tagz: [],
        },
        "budget-notifications": { maxThresholdPercent: 0, currency: 5 },
        all: { mandatoryTags: [] },
      },
      file,
      info,
    );
    assert.deepEqual(pathsAndMessages(errors), [
      'bedrock-profile-cost-tags.mandatoryTags[1]: expected at least 1 character, got ""',
      'bedrock-profile-cost-tags.allowedValues.environment: expected an array, got "prod"',
      "bedrock-profile-cost-tags.tagz: unknown setting; bedrock-profile-cost-tags has: enforcementLevel, mandatoryTags, allowedValues",
      "budget-notifications.maxThresholdPercent: expected a number greater than 0, got 0",
      "budget-notifications.currency: expected a string, got 5",
      'all.mandatoryTags: "all" takes only enforcementLevel',
    ]);
  });

  it("returns an error, not an exception, for input that is not an object", () => {
    for (const json of [null, [], "mandatory", 3])
      assert.match(refusedPolicyConfig(json, file, info)[0].message, /^expected an object of policy names/);
    assert.match(
      refusedPolicyConfig({ "budget-notifications": ["mandatory"] }, file, info)[0].message,
      /^expected an enforcement level or an object of settings/,
    );
  });
});

describe("policies/policy-config.example.json", () => {
  it("is valid configuration for the pack's policies", () => {
    const pack = packInfo(policies);
    const example: unknown = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, "../../policies/policy-config.example.json"), "utf8"),
    );
    acceptedPolicyConfig(example, "policy-config.example.json", pack);
  });
});
