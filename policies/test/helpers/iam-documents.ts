/**
 * IAM documents and the resources that carry them, as the tests of bedrock-invoke-through-profiles
 * write them: the program's compliant document, one-statement documents, and an aws.iam.Policy
 * (or another document-holding type) around a document.
 */
import type { ResourceSpec } from "./policy-args";
import { modelArn, otherProfileArn, profileArn } from "./policy-fixtures";

export const profileArns = [profileArn, otherProfileArn];
export const invokeActions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

/** The document our program writes: invoke on the profiles, and on models only through them. */
export function compliantDocument() {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "InvokeThroughProfiles", Effect: "Allow", Action: invokeActions, Resource: profileArns },
      {
        Sid: "ReadProfiles",
        Effect: "Allow",
        Action: ["bedrock:GetInferenceProfile"],
        Resource: profileArns,
      },
      {
        Sid: "ModelsOnlyViaProfiles",
        Effect: "Allow",
        Action: invokeActions,
        Resource: [modelArn, "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"],
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": profileArns } },
      },
    ],
  };
}

/** A document string with these statements. */
export const documentOf = (...statements: Array<Record<string, unknown>>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** A one-statement document (Statement as a single object, as IAM also accepts), Effect Allow unless given. */
export const single = (statement: Record<string, unknown>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", ...statement } });

/** A resource holding `document` (by default the program's, as a JSON string, in an aws.iam.Policy). */
export function policyResource(
  document: unknown = JSON.stringify(compliantDocument()),
  type = "aws:iam/policy:Policy",
): ResourceSpec {
  return { type, name: "claims-invoke-policy", props: { name: "claims-invoke-dev", policy: document } };
}

/** An invoke grant on "*" that only `condition` narrows. */
export const conditioned = (condition: unknown): ResourceSpec =>
  policyResource(single({ Action: invokeActions, Resource: "*", Condition: condition }));
