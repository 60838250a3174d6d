import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configOf, stringList } from "./lib/config";
import { parsePolicyDocument } from "./lib/iam";
import { type Bypass, findInvokeBypasses, profileConditionKey } from "./lib/invoke-grants";
import { policyDocumentsOf } from "./lib/policy-documents";
import { validateResourceOfTypes } from "./lib/policy";
import { iamDocumentTypes } from "./lib/resource-types";
import { enumerate } from "./lib/text";

export interface BedrockInvokeThroughProfilesArgs {
  /** IAM actions that invoke a model (they also authorize Converse and ConverseStream). Defaults to bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream. */
  invokeActions: string[];
}

const configSchema: PolicyConfigSchema = {
  properties: {
    invokeActions: {
      type: "array",
      items: { type: "string", minLength: 1 },
      minItems: 1,
      default: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
    },
  },
};

export const bedrockInvokeThroughProfiles: ResourceValidationPolicy = {
  name: "bedrock-invoke-through-profiles",
  description:
    "Checks that no IAM policy allows invoking a foundation model, a system-defined profile or `*` except through application inference profiles (a bedrock:InferenceProfileArn condition).",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Grant bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the application inference profile ARNs, and on foundation models only in a statement with " +
    '`"Condition": {"StringEquals": {"bedrock:InferenceProfileArn": [<application profile ARNs>]}}`. Wildcards (`bedrock:*`, `bedrock:Invoke*`, `*`) and NotAction/NotResource grants count as invoke grants.',
  configSchema,
  validateResource: validateResourceOfTypes(
    "bedrock-invoke-through-profiles",
    iamDocumentTypes,
    (props, args, reportViolation) => {
      const invokeActions = stringList(
        configOf<BedrockInvokeThroughProfilesArgs>(args, configSchema).invokeActions,
      );
      for (const { label, document } of policyDocumentsOf(args.type, props)) {
        const parsed = parsePolicyDocument(document);
        if (parsed.kind === "invalid") {
          reportViolation(
            `IAM ${label} of "${args.name}" ${parsed.problem}, so its Bedrock grants cannot be checked: provide a valid IAM JSON policy document.`,
          );
        } else if (parsed.kind === "document") {
          const bypasses = findInvokeBypasses(parsed.statements, invokeActions);
          if (bypasses.length > 0) reportViolation(`IAM ${label} of "${args.name}" ${describe(bypasses)}`);
        }
      }
    },
  ),
};

function describe(bypasses: Bypass[]): string {
  const [first] = bypasses;
  const statement = first.statement.sid
    ? `statement ${first.statement.number} (${JSON.stringify(first.statement.sid.slice(0, 40))})`
    : `statement ${first.statement.number}`;
  const more =
    bypasses.length > 1
      ? ` (and ${bypasses.length - 1} more ${bypasses.length === 2 ? "statement" : "statements"})`
      : "";
  const why = first.conditionProblem
    ? `; ${first.conditionProblem}`
    : ` without a ${profileConditionKey} condition`;
  return (
    `lets callers invoke models around their application inference profiles: ${statement}${more} allows ${enumerate(first.actions)} on ${first.target}${why}. ` +
    `Grant invoke on profile ARNs, and on models only under a ${profileConditionKey} condition naming those profiles.`
  );
}
