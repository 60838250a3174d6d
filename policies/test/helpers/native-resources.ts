/**
 * Real `@pulumi/aws-native` resources registered under Pulumi mocks, captured as the engine receives
 * them (type token, logical name, the inputs the SDK serialized): the shapes the pack must judge,
 * from the provider's own classes rather than from property names typed by hand.
 */
import * as pulumi from "@pulumi/pulumi";
import { modelArn, profileArn } from "./policy-fixtures";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const costTags = {
  tenant: "claims",
  environment: "dev",
  dept: "ops",
  team: "claims-ai",
  app: "chatbot",
  "cost-center": "CC-1",
};

/** Registers the resources `build` creates and returns what each registration carried. */
export async function registerNative(build: () => pulumi.Resource[]): Promise<Registered[]> {
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "standalone",
    "test",
    false,
  );
  const resources = build();
  await Promise.all(resources.map((resource) => new Promise((resolve) => resource.urn.apply(resolve))));
  return registered;
}

type NativeResource = new (name: string, args: Record<string, unknown>) => pulumi.CustomResource;

/** A compliant profile, an untagged one, a role attaching AmazonBedrockFullAccess, and managed policies. */
export function nativeStack(): pulumi.Resource[] {
  // Loaded here, after setMocks: the provider SDK is large, and only these tests need it.
  // Typed by hand, not `typeof import(...)`: the provider's types run to 650,000 lines, which the
  // type checker would read on every run of the suite for four constructors. The registrations
  // under mocks, not the compiler, prove these arguments are what the classes take.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const native = require("@pulumi/aws-native") as Record<"bedrock" | "iam", Record<string, NativeResource>>;
  const document = (statement: Record<string, unknown>) => ({
    Version: "2012-10-17",
    Statement: [statement],
  });
  return [
    new native.bedrock.ApplicationInferenceProfile("tagged-profile", {
      inferenceProfileName: "claims-chatbot-dev",
      modelSource: { copyFrom: modelArn },
      tags: Object.entries(costTags).map(([key, value]) => ({ key, value })),
    }),
    new native.bedrock.ApplicationInferenceProfile("untagged-profile", {
      inferenceProfileName: "claims-untagged-dev",
      modelSource: { copyFrom: modelArn },
      tags: [{ key: "tenant", value: "claims" }],
    }),
    new native.iam.Role("full-access-role", {
      assumeRolePolicyDocument: document({
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonBedrockFullAccess"],
    }),
    new native.iam.Role("inline-role", {
      assumeRolePolicyDocument: document({
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
      policies: [
        {
          policyName: "invoke-any",
          policyDocument: document({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }),
        },
      ],
    }),
    new native.iam.ManagedPolicy("profiles-only-policy", {
      policyDocument: document({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: profileArn }),
    }),
    new native.iam.ManagedPolicy("direct-policy", {
      policyDocument: document({ Effect: "Allow", Action: "bedrock:Invoke*", Resource: modelArn }),
    }),
  ];
}

/** Which policy each resource of `nativeStack` must break (none for the compliant ones). */
export const expectedNativeViolations: Record<string, string[]> = {
  "tagged-profile": [],
  "untagged-profile": ["bedrock-profile-cost-tags"],
  "full-access-role": ["bedrock-invoke-through-profiles"],
  "inline-role": ["bedrock-invoke-through-profiles"],
  "profiles-only-policy": [],
  "direct-policy": ["bedrock-invoke-through-profiles"],
};
