/**
 * fast-check arbitraries for the pack's property tests: JSON values seeded with the strings the
 * policies look for (unknown sentinels included), resources of given types, IAM statements and
 * documents (also as cut or spliced JSON text), and policy settings by the names the policies publish.
 */
import fc from "fast-check";
import { policies } from "../../policies";
import { type ResourceSpec, UNKNOWN } from "./policy-args";

/** Runs per property: enough to reach the nested shapes, few enough for a 2-core CI runner. */
export const runs = { numRuns: 300 };

const interesting = fc.constantFrom(
  UNKNOWN,
  "",
  "*",
  "__proto__",
  "constructor",
  "Allow",
  "Deny",
  "SERVICE_CONTROL_POLICY",
  "COST",
  "ACTUAL",
  "AWS/Bedrock",
  "bedrock:InvokeModel",
  "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
  "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0",
  "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdef123456",
  "anthropic.claude-3-haiku-20240307-v1:0",
  "tenant",
  "prod",
  '{"tags":{"tenant":"claims"}}',
  "{not json",
);

/** JSON values seeded with the strings the policies look for, unknown sentinels included. */
export const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    interesting,
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        "tags",
        "policy",
        "Statement",
        "Action",
        "Resource",
        "Condition",
        "key",
        "value",
        "modelSource",
        "copyFrom",
        "notifications",
        "dimensions",
        "ModelId",
        "environment",
        "variables",
        "defaultTags",
        "budget",
      ),
    ),
    tie("value"),
    { maxKeys: 5 },
  ),
})).value;

export const props = fc.dictionary(
  fc.constantFrom(
    "tags",
    "tagsAll",
    "modelSource",
    "policy",
    "policyDocument",
    "inlinePolicies",
    "policies",
    "environment",
    "containerDefinitions",
    "type",
    "value",
    "budgetType",
    "limitAmount",
    "limitUnit",
    "notifications",
    "costFilters",
    "filterExpression",
    "budget",
    "notificationsWithSubscribers",
    "namespace",
    "dimensions",
    "metricQueries",
    "metrics",
    "alarmActions",
    "arn",
    "tagKey",
    "status",
    "plannedLimits",
  ),
  value,
  { maxKeys: 8 },
);

export const spec = (type: fc.Arbitrary<string>): fc.Arbitrary<ResourceSpec> =>
  fc.record({
    type,
    props,
    name: fc.string({ minLength: 1, maxLength: 12 }),
    protect: fc.boolean(),
    provider: fc.option(
      fc.record({
        props: fc.record({
          defaultTags: fc.oneof(
            value,
            value.map((v) => JSON.stringify(v) ?? "null"),
          ),
        }),
      }),
      { nil: undefined },
    ),
  });

export const statement = fc.record(
  {
    Sid: fc.oneof(fc.string(), value),
    Effect: fc.oneof(fc.constantFrom("Allow", "Deny", "allow", "DENY", "Permit", UNKNOWN), value),
    Action: fc.oneof(
      fc.constantFrom(
        "bedrock:*",
        "bedrock:Invoke*",
        "*",
        "BEDROCK:INVOKEMODEL",
        "bedrock:Invoke?odel",
        "s3:*",
      ),
      fc.array(fc.string({ maxLength: 24 }), { maxLength: 3 }),
      value,
    ),
    NotAction: value,
    Resource: fc.oneof(
      fc.constantFrom(
        "*",
        "arn:aws:bedrock:*::foundation-model/*",
        "arn:aws:bedrock:*:*:application-inference-profile/*",
        "arn:*",
      ),
      fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
      value,
    ),
    NotResource: value,
    Condition: fc.oneof(
      fc.record({ [`${"StringEquals"}`]: fc.record({ "bedrock:InferenceProfileArn": value }) }),
      fc.dictionary(
        fc.constantFrom(
          "StringEquals",
          "ArnLike",
          "StringLikeIfExists",
          "ForAllValues:StringEquals",
          "Null",
          "foranyvalue:stringlike",
        ),
        fc.dictionary(
          fc.constantFrom("bedrock:InferenceProfileArn", "BEDROCK:inferenceprofilearn", "aws:SourceIp"),
          value,
          { maxKeys: 2 },
        ),
        { maxKeys: 2 },
      ),
      value,
    ),
  },
  { requiredKeys: [] },
);

export const document = fc.record(
  {
    Version: fc.constant("2012-10-17"),
    Statement: fc.oneof(statement, fc.array(statement, { maxLength: 5 }), value),
  },
  { requiredKeys: [] },
);

/** A JSON document string, then cut, spliced or with a character replaced. */
export const mutatedText = fc
  .tuple(
    document.map((d) => JSON.stringify(d)),
    fc.nat(),
    fc.nat(),
    fc.string({ maxLength: 3 }),
  )
  .map(([text, at, length, insert]) => {
    const position = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, position) + insert + text.slice(position + (length % 4));
  });

/** Every setting name a policy of the pack publishes in its configSchema. */
const settingNames = [
  ...new Set(policies.flatMap((policy) => Object.keys(policy.configSchema?.properties ?? {}))),
];

/** Settings of random names and values, as a `--policy-pack-config` entry may hold them. */
export const config = fc.dictionary(fc.constantFrom(...settingNames), value, { maxKeys: 3 });
