import * as assert from "node:assert/strict";
import { policiesReadingInputs } from "../lib/preview-unknowns";
import { policies } from "../policies";
import { previewUnjudgedValues as policy } from "../rules/preview-unjudged-values";
import { UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { profileArn } from "./helpers/policy-fixtures";

const { expectNoViolations, expectViolation } = resourcePolicyChecks(policy);

describe("#preview-unjudged-values", () => {
  it("names the IAM document a preview does not know, and the policy that could not judge it", async () => {
    await expectViolation(
      { type: "aws:iam/rolePolicy:RolePolicy", props: { role: "r", policy: UNKNOWN } },
      ".policy is not known during preview, so bedrock-invoke-through-profiles has not judged it: it is judged at `pulumi up` and by `npm run check`",
    );
    await expectViolation(
      { type: "aws:iam/role:Role", props: { inlinePolicies: [{ name: "invoke", policy: UNKNOWN }] } },
      "inlinePolicies[0].policy",
    );
  });

  it("names an unknown model at a generated path (a native agent's prompt override)", async () => {
    await expectViolation(
      {
        type: "aws-native:bedrock:Agent",
        props: {
          foundationModel: profileArn,
          promptOverrideConfiguration: { promptConfigurations: [{ foundationModel: UNKNOWN }] },
        },
      },
      "promptOverrideConfiguration.promptConfigurations[0].foundationModel is not known during preview, so bedrock-resources-use-profiles",
    );
  });

  it("names an SCP whose content is unknown", async () => {
    await expectViolation(
      {
        type: "aws:organizations/policy:Policy",
        props: { type: "SERVICE_CONTROL_POLICY", content: UNKNOWN },
      },
      "scp-closes-model-paths",
    );
  });

  it("says nothing when every value is known", async () => {
    await expectNoViolations({
      type: "aws:iam/rolePolicy:RolePolicy",
      props: { role: "r", policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) },
    });
    await expectNoViolations({ type: "aws-native:bedrock:Agent", props: { foundationModel: profileArn } });
  });

  it("speaks only of other policies the pack serves, and of types they declare", () => {
    const others = policies.filter((other) => other !== policy);
    const names = new Set(others.map((other) => other.name));
    assert.deepEqual(
      policiesReadingInputs.filter((name) => !names.has(name)),
      [],
    );
    const declared = new Set(others.flatMap((other) => other.resourceTypes));
    assert.deepEqual(
      policy.resourceTypes.filter((type) => !declared.has(type)),
      [],
    );
  });
});
