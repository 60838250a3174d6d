import * as assert from "node:assert/strict";
import { resourceApiMappings } from "../../../src/aws-resource-specs";
import { preflight } from "../../../tools/check/preflight";
import { UNKNOWN } from "../../../tools/check/plan/planned-resource";
import { awsRules } from "../../../src/aws-rules";
import { budgetFilter } from "../../../src/components/tenant/budget";
import type { StackTenant } from "../../../src/stack-tenants";
import { planned, provider } from "./fixtures";

const profileType = "aws:bedrock/inferenceProfile:InferenceProfile";
const profile = (inputs: Record<string, unknown>) =>
  planned(profileType, "claims-chatbot", {
    name: "claims-chatbot-dev",
    modelSource: {
      copyFrom: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
    },
    tags: { tenant: "claims" },
    ...inputs,
  });
const rulesOf = (inputs: Record<string, unknown>) =>
  preflight([provider(), profile(inputs)]).map((issue) => `${issue.input}: ${issue.rule}`);

describe("AWS preflight: request members (generated from the botocore models)", () => {
  it("has a generated rule for every Pulumi input of the mapping table (the JSON was regenerated after the table changed)", () => {
    for (const [type, mapping] of Object.entries(resourceApiMappings))
      for (const input of Object.keys(mapping.members))
        assert.ok(awsRules.resources[type]?.members[input], `${type} ${input}: run npm run gen:aws-rules`);
  });

  it("refuses the description the program built before: Bedrock's pattern has no '/', '(' or ')'", () => {
    assert.deepEqual(
      rulesOf({
        description:
          "policy-recommendations/recommender (dev): anthropic.claude-sonnet-4-20250514-v1:0 via us",
      }),
      [
        "description: Bedrock CreateInferenceProfile would reject it: CreateInferenceProfile.description: 1-200 characters matching ([0-9a-zA-Z:.][ _-]?)+",
      ],
    );
    assert.deepEqual(
      rulesOf({
        description: "tenant claims profile chatbot in dev for anthropic.claude-3-haiku-20240307-v1:0",
      }),
      [],
    );
  });

  it("checks lengths, required members, tag map keys and values, and skips values not known until apply", () => {
    assert.deepEqual(rulesOf({ name: "x".repeat(65) }), [
      "name: Bedrock CreateInferenceProfile would reject it: CreateInferenceProfile.inferenceProfileName: 1-64 characters matching ([0-9a-zA-Z][ _-]?)+",
    ]);
    assert.deepEqual(rulesOf({ modelSource: undefined }), [
      "modelSource: Bedrock CreateInferenceProfile would reject it: CreateInferenceProfile.modelSource: it is required",
    ]);
    assert.deepEqual(rulesOf({ tags: { "bad#key": "v" } }), [
      "tags.bad#key: Bedrock CreateInferenceProfile would reject it: CreateInferenceProfile.tags[].key: 1-128 characters matching [a-zA-Z0-9\\s._:/=+@-]*",
    ]);
    assert.deepEqual(rulesOf({ description: UNKNOWN }), []);
  });

  it("checks enums, list sizes and number bounds of other services", () => {
    const alarm = planned("aws:cloudwatch/metricAlarm:MetricAlarm", "claims-a", {
      name: "claims-a",
      alarmActions: ["a", "b", "c", "d", "e", "f"],
      statistic: "Total",
      period: 0,
    });
    assert.deepEqual(
      preflight([provider(), alarm]).map((issue) => `${issue.input}: ${issue.rule}`),
      [
        "alarmActions: CloudWatch PutMetricAlarm would reject it: PutMetricAlarm.AlarmActions: at most 5 entries",
        "statistic: CloudWatch PutMetricAlarm would reject it: PutMetricAlarm.Statistic: expected one of SampleCount, Average, Sum, Minimum, Maximum",
        "period: CloudWatch PutMetricAlarm would reject it: PutMetricAlarm.Period: expected a number of at least 1",
      ],
    );
  });

  it("reads a budget's limit as AWS's NumericValue: a number JavaScript writes in exponent form is refused", () => {
    const budget = planned("aws:budgets/budget:Budget", "claims-budget", {
      name: "claims-dev-bedrock",
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: String(1e21),
      limitUnit: "USD",
    });
    assert.deepEqual(
      preflight([provider(), budget]).map((issue) => `${issue.input}: ${issue.rule}`),
      [
        "limitAmount: AWS Budgets CreateBudget would reject it: CreateBudget.Budget.BudgetLimit.Amount: 1-2147483647 characters matching ([0-9]*\\.)?[0-9]+",
      ],
    );
  });

  it("checks the budget's filter down to the Or of tag-key spellings the program writes", () => {
    const budget = (tenant: string) =>
      planned("aws:budgets/budget:Budget", "claims-budget", {
        name: "claims-dev-bedrock",
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: "100",
        limitUnit: "USD",
        filterExpression: budgetFilter({ name: tenant, environment: "dev" } as StackTenant),
      });
    const issues = (tenant: string) =>
      preflight([provider(), budget(tenant)]).map((issue) => `${issue.input}: ${issue.rule}`);
    assert.deepEqual(issues("claims"), []);
    // Reached only through the `ors` members: a value past botocore's 1,024 characters, in both spellings.
    const refused = issues("x".repeat(1025));
    assert.equal(refused.length, 2);
    for (const issue of refused)
      assert.match(
        issue,
        /^filterExpression\.ands\[0\]\.ors\[[01]\]\.tags\.values\[0\]: .*Budget\.FilterExpression\.And\[\]\.Or\[\]\.Tags\.Values\[\]/,
      );
  });
});
