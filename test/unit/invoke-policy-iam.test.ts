import { strict as assert } from "node:assert";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { parameterStoreSource } from "../../resolver";
import { ssmParameterPath } from "../../src/naming";
import { defaultAlarms, type StackProfile, type StackTenant } from "../../src/stack-tenants";
import { invokePolicyDocument } from "../../src/invoke-policy-document";

/**
 * The invoke policy as IAM evaluates it (@cloud-copilot/iam-simulate, a test-only dependency): the
 * tenant's profiles and what they route to are allowed, a direct model call and a direct call of a
 * system-defined profile are not.
 */
const accountId = "111122223333";
const region = "us-east-1";
const price = { inputPer1M: 1, outputPer1M: 5 };
const profile = (name: string, model: string, crossRegion?: "us"): StackProfile => ({
  name,
  model,
  crossRegion,
  description: name,
  awsName: name,
  parameterName: `/${name}`,
  price,
  alarms: defaultAlarms(100, price),
});
const tenant = {
  name: "claims",
  environment: "dev",
  region,
  accountId,
  profiles: [
    profile("chatbot", "amazon.nova-lite-v1:0"),
    profile("scoring", "anthropic.claude-sonnet-4-20250514-v1:0", "us"),
  ],
} satisfies Pick<StackTenant, "name" | "environment" | "region" | "accountId" | "profiles">;
const profileArns = [
  `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/aaaaaaaaaaaa`,
  `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/bbbbbbbbbbbb`,
];
const policy = invokePolicyDocument(tenant, profileArns);

async function decision(
  resource: string,
  contextVariables: Record<string, string> = {},
  action = "bedrock:InvokeModel",
): Promise<string> {
  const simulation: Simulation = {
    identityPolicies: [{ name: "invoke", policy: policy as never }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      action,
      principal: `arn:aws:iam::${accountId}:role/claims-api`,
      resource: { accountId, resource },
      contextVariables,
    },
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === "error") assert.fail(JSON.stringify(response.errors));
  return response.overallResult;
}

const sonnet = "anthropic.claude-sonnet-4-20250514-v1:0";
const through = (profileArn: string) => ({ "bedrock:InferenceProfileArn": profileArn });

describe("invoke policy, evaluated as IAM does", () => {
  it("allows the tenant's profiles, and through them the model and the system profile a copy routes to", async () => {
    assert.equal(await decision(profileArns[1]), "Allowed");
    assert.equal(
      await decision(`arn:aws:bedrock:us-west-2::foundation-model/${sonnet}`, through(profileArns[1])),
      "Allowed",
    );
    assert.equal(
      await decision(
        `arn:aws:bedrock:${region}:${accountId}:inference-profile/us.${sonnet}`,
        through(profileArns[1]),
      ),
      "Allowed",
    );
    assert.equal(
      await decision(
        `arn:aws:bedrock:${region}::foundation-model/amazon.nova-lite-v1:0`,
        through(profileArns[0]),
      ),
      "Allowed",
    );
  });

  it("denies a direct model call, a direct system-profile call, and another tenant's profile", async () => {
    assert.equal(
      await decision(`arn:aws:bedrock:${region}::foundation-model/amazon.nova-lite-v1:0`),
      "ImplicitlyDenied",
    );
    const systemProfile = `arn:aws:bedrock:${region}:${accountId}:inference-profile/us.${sonnet}`;
    assert.equal(await decision(systemProfile), "ImplicitlyDenied");
    assert.equal(
      await decision(`arn:aws:bedrock:us-west-2::foundation-model/${sonnet}`, through(systemProfile)),
      "ImplicitlyDenied",
    );
    assert.equal(
      await decision(`arn:aws:bedrock:${region}:${accountId}:application-inference-profile/cccccccccccc`),
      "ImplicitlyDenied",
    );
  });
});

/**
 * The calls resolver/'s parameterStoreSource makes, recorded from the resolver itself (a client that
 * answers every page with one profile parameter), as IAM actions on the resources IAM checks.
 */
async function resolverCalls(
  path: string,
): Promise<Array<{ action: string; resource: string; recursive: string }>> {
  const calls: Array<{ action: string; resource: string; recursive: string }> = [];
  const client = {
    async send(command: { constructor: { name: string }; input: { Path: string; Recursive?: boolean } }) {
      calls.push({
        action: `ssm:${command.constructor.name.replace(/Command$/, "")}`,
        resource: `arn:aws:ssm:${region}:${accountId}:parameter${command.input.Path}`,
        recursive: String(command.input.Recursive ?? false),
      });
      return {
        Parameters: [{ Name: `${command.input.Path}/chatbot`, Type: "String", Value: profileArns[0] }],
      };
    },
  } as unknown as SSMClient;
  await parameterStoreSource({ client, path }).lookup({ profile: "chatbot" });
  return calls;
}

const allowed = async (calls: Awaited<ReturnType<typeof resolverCalls>>) =>
  Promise.all(calls.map((call) => decision(call.resource, { "ssm:Recursive": call.recursive }, call.action)));

describe("a workload role resolves its own profiles, and nothing else's", () => {
  it("may make every call the resolver makes under its tenant's path in its environment", async () => {
    const calls = await resolverCalls(ssmParameterPath("dev", "claims"));
    assert.ok(calls.length > 0);
    assert.deepEqual(
      await allowed(calls),
      calls.map(() => "Allowed"),
    );
  });

  it("may not list another tenant's path, another environment's, or the whole tree, nor read another tenant's parameter", async () => {
    for (const path of [
      ssmParameterPath("dev", "underwriting"),
      ssmParameterPath("prod", "claims"),
      "/bedrock-cost-governance/dev",
    ])
      assert.deepEqual(await allowed(await resolverCalls(path)), ["ImplicitlyDenied"], path);
    const other = `arn:aws:ssm:${region}:${accountId}:parameter${ssmParameterPath("dev", "underwriting")}/chatbot`;
    for (const action of ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"])
      assert.equal(await decision(other, {}, action), "ImplicitlyDenied", action);
    assert.equal(await decision("*", {}, "tag:GetResources"), "ImplicitlyDenied");
  });
});
