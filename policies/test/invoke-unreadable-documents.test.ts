/**
 * bedrock-invoke-through-profiles on documents it cannot read in full: one that does not parse or is
 * far too large is a violation (its grants cannot be checked), and one whose values are unknown
 * during preview is not guessed at, while what is known beside the unknown is still judged.
 */
import { bedrockInvokeThroughProfiles as policy } from "../rules/bedrock-invoke-through-profiles";
import { UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { modelArn } from "./helpers/policy-fixtures";
import { policyResource, profileArns, single } from "./helpers/iam-documents";

const { expectNoViolations, expectViolation } = resourcePolicyChecks(policy);

describe("#bedrock-invoke-through-profiles on documents it cannot read in full", () => {
  describe("documents that cannot be judged", () => {
    it("fails a document string that is not JSON, without crashing", async () => {
      await expectViolation(
        policyResource('{"Statement": ['),
        /policy document of "claims-invoke-policy" is not valid JSON/,
      );
    });

    it("fails a document that is not an object, a statement that is not an object, and an Effect that is neither Allow nor Deny", async () => {
      await expectViolation(policyResource("[1, 2]"), "is not a JSON object");
      await expectViolation(
        policyResource(JSON.stringify({ Statement: [42] })),
        "statement 1 is not a JSON object",
      );
      await expectViolation(
        policyResource(single({ Effect: "Permit", Action: "s3:GetObject", Resource: "*" })),
        "no Effect of Allow or Deny",
      );
    });

    it("fails a document far larger than IAM accepts without reading it", async () => {
      const huge = JSON.stringify({
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "x".repeat(2 * 1024 * 1024) }],
      });
      await expectViolation(policyResource(huge), "far past IAM's 10,240-character limit");
    });
  });

  describe("values unknown during preview", () => {
    it("does not guess while the whole document is unknown", async () => {
      await expectNoViolations(policyResource(UNKNOWN));
    });

    it("does not guess on unknown Statement, Effect, Action, Resource or Condition", async () => {
      for (const statement of [
        UNKNOWN,
        { Effect: UNKNOWN, Action: "bedrock:InvokeModel", Resource: "*" },
        { Effect: "Allow", Action: [UNKNOWN], Resource: "*" },
        { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: [profileArns[0], UNKNOWN] },
        { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*", Condition: UNKNOWN },
        {
          Effect: "Allow",
          Action: "bedrock:InvokeModel",
          Resource: "*",
          Condition: { StringEquals: { "bedrock:InferenceProfileArn": UNKNOWN } },
        },
      ]) {
        await expectNoViolations(policyResource({ Statement: [statement] }));
      }
      await expectNoViolations(policyResource({ Statement: UNKNOWN }));
    });

    it("still reports what is known beside an unknown entry", async () => {
      await expectViolation(
        policyResource({
          Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: [UNKNOWN, modelArn] }],
        }),
        "foundation-model/anthropic",
      );
    });
  });
});
