import { bedrockInvokeActions } from "../../src/invoke-policy-document";

/**
 * Inputs of resources that pass the pack, shared by the fixtures that hand the pack a whole
 * compliant tenant (the stack export of test/fixtures, the planned stack of the pack's
 * integration test): each test then breaks one of them.
 */

/** An invoke policy confined to one application profile: the profile, and its model only through it. */
export function profileOnlyInvokePolicy(profileArn: string, modelArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: bedrockInvokeActions, Resource: [profileArn] },
      {
        Effect: "Allow",
        Action: bedrockInvokeActions,
        Resource: [modelArn],
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": [profileArn] } },
      },
    ],
  });
}

/** The claims tenant's monthly cost budget, filtered on its tenant tag, alerting at 80% of actual spend. */
export function claimsBudgetInputs(
  limitUsd: number,
  subscriber: { subscriberEmailAddresses: string[] } | { subscriberSnsTopicArns: string[] },
): Record<string, unknown> {
  return {
    budgetType: "COST",
    limitAmount: String(limitUsd),
    limitUnit: "USD",
    timeUnit: "MONTHLY",
    costFilters: [{ name: "TagKeyValue", values: ["user:tenant$claims"] }],
    notifications: [
      {
        comparisonOperator: "GREATER_THAN",
        threshold: 80,
        thresholdType: "PERCENTAGE",
        notificationType: "ACTUAL",
        ...subscriber,
      },
    ],
  };
}

/** One active cost allocation tag per key: what the payer account needs for budgets to filter on them. */
export function activeCostTagInputs(
  tags: Record<string, string>,
): Array<{ tagKey: string; status: "Active" }> {
  return Object.keys(tags).map((tagKey) => ({ tagKey, status: "Active" }));
}
