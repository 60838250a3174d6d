/** The per-resource cases of the policy benchmark (bench/policy.bench.ts): inputs far larger than AWS accepts. */
import { bedrockInvokeThroughProfiles } from "../policies/rules/bedrock-invoke-through-profiles";
import { bedrockProfileCostTags } from "../policies/rules/bedrock-profile-cost-tags";
import { bedrockProfileModelSource } from "../policies/rules/bedrock-profile-model-source";
import { budgetNotifications } from "../policies/rules/budget-notifications";
import { prodProfilesProtected } from "../policies/rules/prod-profiles-protected";
import { workloadsReferenceProfiles } from "../policies/rules/workloads-reference-profiles";
import type { ResourceSpec } from "../policies/test/helpers/policy-args";
import { type Case, lambdaWithVariables } from "./policy-adversarial-cases";

const modelArn = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
export const profileArn = (index: number) =>
  `arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/${index.toString(36).padStart(12, "0")}`;
const megabyte = 1024 * 1024;

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/** Statements as a large policy would hold them: invoke on profiles, models under a profile condition. */
const statements = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    Sid: `S${index}`,
    Effect: index % 7 === 0 ? "Deny" : "Allow",
    Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", `s3:Get${index}*`],
    Resource: [profileArn(index), `${modelArn}-${index}`, "arn:aws:bedrock:*::foundation-model/*"],
    Condition: { StringEquals: { "bedrock:InferenceProfileArn": [profileArn(index)] } },
  }));

/** Short statements, so that 5,000 of them stay under the 1 MiB a document string may have. */
const compactStatements = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    Effect: "Allow",
    Action: index % 2 ? "bedrock:InvokeModel" : "bedrock:Invoke*",
    Resource: profileArn(index),
  }));

export function cases(): Case[] {
  const iam = (name: string, policy: unknown): Case => ({
    name,
    policy: bedrockInvokeThroughProfiles,
    spec: { type: "aws:iam/policy:Policy", props: { policy } },
  });
  const manyTags = Object.fromEntries(
    Array.from({ length: 50_000 }, (_, index) => [`key-${index}`, `value-${index}`]),
  );
  const profile = (props: Record<string, unknown>): ResourceSpec => ({
    type: "aws:bedrock/inferenceProfile:InferenceProfile",
    props,
  });
  return [
    iam(
      "IAM: 5,000 statements, 0.6 MB JSON string",
      JSON.stringify({ Version: "2012-10-17", Statement: compactStatements(5_000) }),
    ),
    iam("IAM: 5,000 statements, object", { Version: "2012-10-17", Statement: statements(5_000) }),
    iam("IAM: 1 MB Action string", {
      Statement: { Effect: "Allow", Action: `bedrock:${"Invoke*".repeat(megabyte / 7)}`, Resource: "*" },
    }),
    iam("IAM: 1 MB Resource of wildcards", {
      Statement: {
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        Resource: `arn:${"*?".repeat(megabyte / 2)}`,
      },
    }),
    iam("IAM: 1 MB Resource literal", {
      Statement: { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "a".repeat(megabyte) },
    }),
    iam("IAM: 1 MB condition value", {
      Statement: {
        Effect: "Allow",
        Action: "bedrock:*",
        Resource: "*",
        Condition: { ArnLike: { "bedrock:InferenceProfileArn": `arn:${"*".repeat(megabyte)}x` } },
      },
    }),
    iam("IAM: 10,000-level nested Resource", {
      Statement: { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: nested(10_000, modelArn) },
    }),
    iam("IAM: 10,000-level nested Condition", {
      Statement: {
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        Resource: "*",
        Condition: nested(10_000, {}),
      },
    }),
    iam("IAM: 20,000 statements, 4 MB string (refused)", JSON.stringify({ Statement: statements(20_000) })),
    { name: "tags: 50,000 tags", policy: bedrockProfileCostTags, spec: profile({ tags: manyTags }) },
    {
      name: "tags: 1 MB tag value",
      policy: bedrockProfileCostTags,
      spec: profile({ tags: { tenant: "x".repeat(megabyte) } }),
    },
    {
      name: "tags: 50,000 provider default tags",
      policy: bedrockProfileCostTags,
      spec: {
        ...profile({ tags: {} }),
        provider: { props: { defaultTags: JSON.stringify({ tags: manyTags }) } },
      },
    },
    {
      name: "model source: 1 MB copyFrom",
      policy: bedrockProfileModelSource,
      spec: profile({
        modelSource: { copyFrom: `arn:aws:bedrock:us-east-1::foundation-model/${"a".repeat(megabyte)}` },
      }),
    },
    { name: "protect: 50,000 tags", policy: prodProfilesProtected, spec: profile({ tags: manyTags }) },
    {
      name: "workloads: 50,000 Lambda variables",
      policy: workloadsReferenceProfiles,
      spec: lambdaWithVariables(
        Object.fromEntries(
          Array.from({ length: 50_000 }, (_, index) => [`V${index}`, `anthropic.model-${index}`]),
        ),
      ),
    },
    {
      name: "workloads: 1 MB SSM StringList",
      policy: workloadsReferenceProfiles,
      spec: {
        type: "aws:ssm/parameter:Parameter",
        props: { type: "StringList", value: "a,".repeat(megabyte / 2) },
      },
    },
    {
      name: "budget: 5,000 notifications",
      policy: budgetNotifications,
      spec: {
        type: "aws:budgets/budget:Budget",
        props: {
          budgetType: "COST",
          limitAmount: "1000",
          limitUnit: "USD",
          notifications: Array.from({ length: 5_000 }, () => ({
            notificationType: "FORECASTED",
            threshold: 80,
          })),
        },
      },
    },
  ];
}
