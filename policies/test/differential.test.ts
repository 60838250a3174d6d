/**
 * The pack's invoke rule, proved against an independent evaluator: random IAM documents, and for each the
 * question "can some principal holding it spend on a foundation model or a system-defined profile
 * without going through an application profile?" asked of `@cloud-copilot/iam-simulate` (an IAM
 * policy simulator, AGPL-3.0: a devDependency of these tests only, never shipped) and of the pack.
 * The two verdicts must agree on every sample.
 *
 * The requests put to the simulator: every spending action of the pack's table on a foundation
 * model in each partition and on a system-defined profile, as a direct call (no
 * `bedrock:InferenceProfileArn`) and through a system profile (the key set to it), by a principal
 * whose tags name a system profile and a model (for policy variables); and an inference on the
 * other Bedrock endpoint. The documents hold Allow statements with the profile key's conditions:
 * what the pack credits (see README "What it catches and what it does not" for Deny statements and
 * other condition keys, which it deliberately does not credit).
 */
import * as assert from "node:assert/strict";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import fc from "fast-check";
import { bedrockActions } from "../lib/bedrock-actions";
import { parsePolicyDocument } from "../lib/iam";
import { findInvokeBypasses } from "../lib/invoke-grants";

const account = "111122223333";
const modelId = "anthropic.claude-3-haiku-20240307-v1:0";
const modelArn = (partition: string) => `arn:${partition}:bedrock:us-east-1::foundation-model/${modelId}`;
const systemProfileArn = `arn:aws:bedrock:us-east-1:${account}:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0`;
const applicationProfileArn = `arn:aws:bedrock:us-east-1:${account}:application-inference-profile/abcdef123456`;
const projectArn = (partition: string) => `arn:${partition}:bedrock-mantle:us-east-1:${account}:project/p1`;

const actionPatterns = [
  "bedrock:InvokeModel",
  "bedrock:InvokeModelWithResponseStream",
  "bedrock:Invoke*",
  "bedrock:*",
  "*",
  "bedrock:CreateModelInvocationJob",
  "bedrock:Create*",
  "bedrock:GetInferenceProfile",
  "BEDROCK:invokemodel",
  "bedrock-mantle:*",
  "iam:*",
];
const resourcePatterns = [
  "*",
  modelArn("aws"),
  systemProfileArn,
  applicationProfileArn,
  "arn:aws:bedrock:*::foundation-model/*",
  "arn:aws:bedrock:*:*:inference-profile/*",
  "arn:aws:bedrock:*:*:application-inference-profile/*",
  "arn:*:bedrock:*:*:*",
  "arn:aws:bedrock:*::foundation-model/${aws:PrincipalTag/model}",
  "arn:aws-cn:bedrock:*::foundation-model/*",
  "arn:aws-us-gov:bedrock:*::foundation-model/*",
  "arn:aws:bedrock:us-east-1::foundation-model/anthropic.*",
  "arn:aws:bedrock-mantle:*:*:project/*",
  "arn:aws:s3:::bucket/*",
];
const profileValues = [
  applicationProfileArn,
  systemProfileArn,
  `arn:aws:bedrock:*:${account}:application-inference-profile/*`,
  "arn:aws:bedrock:*:*:inference-profile/*",
  "*",
  applicationProfileArn.toUpperCase(),
  systemProfileArn.toUpperCase(),
  "${aws:PrincipalTag/profile}",
];
const operators = [
  "StringEquals",
  "StringLike",
  "ArnLike",
  "ArnEquals",
  "StringEqualsIgnoreCase",
  "StringEqualsIfExists",
  "ArnLikeIfExists",
  "ForAllValues:StringEquals",
  "StringNotEquals",
  "ArnNotLike",
  "Null",
];

const some = (pool: readonly string[]) =>
  fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 });

// ARN operators compare the six parts of an ARN. A value that is not one (`*`, a policy variable)
// the pack reads as matching anything, stricter than the simulator, which then matches nothing
// (IAM documents variables for string comparisons): not sampled.
const valuesFor = (operator: string) =>
  operator === "Null"
    ? some(["true", "false"]).map((values) => values.slice(0, 1))
    : some(
        operator.startsWith("Arn")
          ? profileValues.filter((value) => value.startsWith("arn:"))
          : profileValues,
      );

const condition = fc.constantFrom(...operators).chain((operator) =>
  valuesFor(operator).map((values) => ({
    [operator]: { "bedrock:InferenceProfileArn": values.length === 1 ? values[0] : values },
  })),
);

const statement = fc.record(
  {
    actions: fc.tuple(fc.boolean(), some(actionPatterns)),
    resources: fc.tuple(fc.boolean(), some(resourcePatterns)),
    condition,
  },
  { requiredKeys: ["actions", "resources"] },
);

const document = fc.array(statement, { minLength: 1, maxLength: 3 }).map((statements) => ({
  Version: "2012-10-17",
  Statement: statements.map(
    ({ actions: [notAction, actions], resources: [notResource, resources], condition }) => ({
      Effect: "Allow",
      [notAction ? "NotAction" : "Action"]: actions,
      [notResource ? "NotResource" : "Resource"]: resources,
      ...(condition ? { Condition: condition } : {}),
    }),
  ),
}));

interface Request {
  action: string;
  resource: string;
  context: Record<string, string>;
}

const principalTags = { "aws:PrincipalTag/profile": systemProfileArn, "aws:PrincipalTag/model": modelId };
const escapeRequests: Request[] = [
  ...bedrockActions.modelActions.flatMap((action) =>
    [modelArn("aws"), modelArn("aws-cn"), modelArn("aws-us-gov"), systemProfileArn].flatMap((resource) => [
      { action, resource, context: principalTags },
      { action, resource, context: { ...principalTags, "bedrock:InferenceProfileArn": systemProfileArn } },
    ]),
  ),
  ...bedrockActions.endpointInferenceActions.flatMap((action) =>
    ["aws", "aws-cn", "aws-us-gov"].map((partition) => ({
      action,
      resource: projectArn(partition),
      context: {},
    })),
  ),
];

/** The simulator's answer: allowed on some escape request; `undefined` when it refuses the document. */
async function simulatorSaysEscapes(policy: object): Promise<boolean | undefined> {
  let anyValid = false;
  for (const request of escapeRequests) {
    const response = await runSimulation(
      {
        identityPolicies: [{ name: "sample", policy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          action: request.action,
          principal: `arn:aws:iam::${account}:role/caller`,
          resource: { resource: request.resource, accountId: account },
          contextVariables: request.context,
        },
      } as Parameters<typeof runSimulation>[0],
      {},
    );
    if (response.resultType === "error") continue; // a request the action does not take (resource type, context key)
    anyValid = true;
    if (response.overallResult === "Allowed") return true;
  }
  return anyValid ? false : undefined;
}

function packSaysEscapes(policy: object): boolean {
  const parsed = parsePolicyDocument(JSON.stringify(policy));
  assert.equal(parsed.kind, "document");
  if (parsed.kind !== "document") return true;
  return (
    findInvokeBypasses(parsed.statements, {
      modelActions: bedrockActions.modelActions,
      endpointActions: bedrockActions.endpointInferenceActions,
    }).length > 0
  );
}

describe("the pack's IAM verdict against @cloud-copilot/iam-simulate (differential)", function () {
  this.timeout(300_000);

  it("agrees on every sampled document", async () => {
    let judged = 0;
    await fc.assert(
      fc.asyncProperty(document, async (policy) => {
        const simulated = await simulatorSaysEscapes(policy);
        if (simulated === undefined) return;
        judged++;
        assert.equal(packSaysEscapes(policy), simulated, `document: ${JSON.stringify(policy)}`);
      }),
      { numRuns: 150, seed: 1212 },
    );
    assert.ok(judged >= 140, `the simulator judged only ${judged} of 150 samples`);
  });

  it("agrees on the known evasions, written out", async () => {
    const cases = [
      { Effect: "Allow", Action: "bedrock:*", Resource: "*" },
      { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
      { Effect: "Allow", Action: "bedrock:InvokeModel", NotResource: applicationProfileArn },
      {
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        Resource: "*",
        Condition: {
          StringEqualsIgnoreCase: { "bedrock:InferenceProfileArn": systemProfileArn.toUpperCase() },
        },
      },
      {
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        Resource: "*",
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": applicationProfileArn } },
      },
    ];
    for (const one of cases) {
      const policy = { Version: "2012-10-17", Statement: [one] };
      assert.equal(packSaysEscapes(policy), await simulatorSaysEscapes(policy), JSON.stringify(one));
    }
  });
});
