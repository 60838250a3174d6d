/**
 * Adversarial inputs for the rules issue 12 added (attachments, NotResource coverage, policy
 * variables, profile creation, Bedrock surfaces, JSON settings, provisioned throughput): each far
 * larger than AWS accepts, so a per-resource figure under 50 ms here bounds any real resource.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { bedrockInvokeThroughProfiles } from "../policies/rules/bedrock-invoke-through-profiles";
import { bedrockProvisionedThroughputCostTags } from "../policies/rules/bedrock-provisioned-throughput-cost-tags";
import { bedrockResourcesUseProfiles } from "../policies/rules/bedrock-resources-use-profiles";
import { workloadsReferenceProfiles } from "../policies/rules/workloads-reference-profiles";
import type { ResourceSpec } from "../policies/test/helpers/policy-args";

const megabyte = 1024 * 1024;
const modelId = "anthropic.claude-3-haiku-20240307-v1:0";

export interface Case {
  name: string;
  policy: ResourceValidationPolicy;
  spec: ResourceSpec;
}

const iam = (name: string, type: string, props: Record<string, unknown>): Case => ({
  name,
  policy: bedrockInvokeThroughProfiles,
  spec: { type, props },
});
const document = (statement: unknown) => ({ Version: "2012-10-17", Statement: statement });

/** A Lambda function whose environment holds these variables. */
export function lambdaWithVariables(variables: Record<string, string>): ResourceSpec {
  return { type: "aws:lambda/function:Function", props: { environment: { variables } } };
}

export function adversarialCases(): Case[] {
  const many = <T>(count: number, make: (index: number) => T): T[] =>
    Array.from({ length: count }, (_, i) => make(i));
  const parallel = (depth: number): unknown =>
    depth === 0
      ? {
          StartAt: "Ask",
          States: {
            Ask: {
              Type: "Task",
              Resource: "arn:aws:states:::bedrock:invokeModel",
              Parameters: { ModelId: modelId },
              End: true,
            },
          },
        }
      : { StartAt: "Fan", States: { Fan: { Type: "Parallel", Branches: [parallel(depth - 1)], End: true } } };
  return [
    iam(
      "IAM: 10,000 attached managed policy ARNs",
      "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
      {
        roleName: "r",
        policyArns: many(10_000, (i) =>
          i % 2 ? `arn:aws:iam::aws:policy/Unknown${i}` : `arn:aws:iam::111122223333:policy/p${i}`,
        ),
      },
    ),
    iam("IAM: 5,000 NotResource patterns", "aws:iam/policy:Policy", {
      policy: document({
        Effect: "Allow",
        Action: "bedrock:*",
        NotResource: many(5_000, (i) => `arn:aws:bedrock:*:*:thing-${i}/*`),
      }),
    }),
    iam("IAM: 1 MB NotResource of colons and stars", "aws:iam/policy:Policy", {
      policy: document({
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        NotResource: `arn${":*".repeat(megabyte / 2)}`,
      }),
    }),
    iam("IAM: 1 MB Resource of policy variables", "aws:iam/policy:Policy", {
      policy: document({
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        Resource: `arn:aws:bedrock:${"${aws:x}".repeat(megabyte / 8)}`,
      }),
    }),
    iam("IAM: 2,000 CreateInferenceProfile grants, 1,000 tag conditions", "aws:iam/policy:Policy", {
      policy: document(
        many(2_000, (i) => ({
          Effect: i % 3 ? "Allow" : "Deny",
          Action: "bedrock:CreateInferenceProfile",
          Resource: "*",
          Condition: { StringLike: Object.fromEntries(many(1_000, (k) => [`aws:RequestTag/k${k}`, "?*"])) },
        })),
      ),
    }),
    {
      name: "surfaces: Step Functions, 500-level nested Parallel",
      policy: bedrockResourcesUseProfiles,
      spec: {
        type: "aws:sfn/stateMachine:StateMachine",
        props: { definition: JSON.stringify(parallel(500)), roleArn: "r" },
      },
    },
    {
      name: "surfaces: flow of 100,000 nodes",
      policy: bedrockResourcesUseProfiles,
      spec: {
        type: "aws-native:bedrock:Flow",
        props: {
          definition: {
            nodes: many(100_000, (i) => ({
              name: `n${i}`,
              configuration: { prompt: { modelId: i % 1000 ? "x" : modelId } },
            })),
          },
        },
      },
    },
    {
      name: "surfaces: 1 MB agent foundationModel",
      policy: bedrockResourcesUseProfiles,
      spec: {
        type: "aws:bedrock/agentAgent:AgentAgent",
        props: { foundationModel: `anthropic.${"a".repeat(megabyte)}` },
      },
    },
    {
      name: "workloads: 5,000 Lambda variables of 1 KB JSON",
      policy: workloadsReferenceProfiles,
      spec: lambdaWithVariables(
        Object.fromEntries(many(5_000, (i) => [`V${i}`, JSON.stringify({ a: many(60, () => "x.y") })])),
      ),
    },
    {
      name: "throughput: 50,000 tags",
      policy: bedrockProvisionedThroughputCostTags,
      spec: {
        type: "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
        props: { modelArn: "m", tags: Object.fromEntries(many(50_000, (i) => [`key-${i}`, `v${i}`])) },
      },
    },
  ];
}
