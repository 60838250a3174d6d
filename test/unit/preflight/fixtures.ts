import type { PlannedResource } from "../../../tools/check/plan/planned-resource";

/** A planned resource of the tenant `claims` in account 111122223333, us-east-1 (provider `account-shared`). */
export function planned(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  outputs?: Record<string, unknown>,
): PlannedResource {
  return {
    urn: `urn:pulumi:dev::bedrock-cost-governance::bedrock-cost-governance:index:TenantGuardrails$${type}::${name}`,
    type,
    name,
    inputs,
    outputs,
    provider: `${providerUrn}::provider-id`,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    custom: true,
  };
}

const providerUrn = "urn:pulumi:dev::bedrock-cost-governance::pulumi:providers:aws::account-shared";

export const provider = (region = "us-east-1"): PlannedResource => ({
  urn: providerUrn,
  type: "pulumi:providers:aws",
  name: "account-shared",
  inputs: { region, allowedAccountIds: '["111122223333"]' },
  protect: false,
  dependencies: [],
  propertyDependencies: {},
  custom: true,
});

export const topicArn = "arn:aws:sns:us-east-1:111122223333:claims-dev-bedrock-alerts";
export const topic = planned(
  "aws:sns/topic:Topic",
  "claims-alerts",
  { name: "claims-dev-bedrock-alerts" },
  { arn: topicArn },
);
export const topicPolicy = (statements: object[]): PlannedResource =>
  planned("aws:sns/topicPolicy:TopicPolicy", "claims-alerts-policy", {
    arn: topicArn,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
  });

export const alarm = (actions: string[]): PlannedResource =>
  planned(
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "claims-chatbot-throttles",
    {
      name: "claims-chatbot-dev-throttles",
      alarmActions: actions,
      okActions: actions,
      comparisonOperator: "GreaterThanThreshold",
      namespace: "AWS/Bedrock",
      metricName: "InvocationThrottles",
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 10,
    },
    { arn: "arn:aws:cloudwatch:us-east-1:111122223333:alarm:claims-chatbot-dev-throttles" },
  );

export const cloudwatchGrant = {
  Effect: "Allow",
  Principal: { Service: "cloudwatch.amazonaws.com" },
  Action: "sns:Publish",
  Resource: topicArn,
  Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:111122223333:alarm:*" } },
};

/** The tenant budget with one ACTUAL notification at 80%, the notification's subscribers as given. */
export const budgetNotifying = (subscribers: Record<string, unknown>): PlannedResource =>
  planned("aws:budgets/budget:Budget", "claims-budget", {
    name: "claims-dev-bedrock",
    budgetType: "COST",
    timeUnit: "MONTHLY",
    notifications: [
      {
        comparisonOperator: "GREATER_THAN",
        threshold: 80,
        thresholdType: "PERCENTAGE",
        notificationType: "ACTUAL",
        ...subscribers,
      },
    ],
  });
