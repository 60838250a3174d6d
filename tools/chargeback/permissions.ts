/**
 * The IAM actions the report calls with, and when. docs/chargeback.md lists them for the policy an
 * operator writes; a test checks each exists in AWS's IAM data and is in that page.
 */
export const chargebackPermissions = [
  {
    action: "ce:GetDimensionValues",
    when: "always (Cost Explorer source): the Bedrock services of the month",
  },
  {
    action: "ce:GetCostAndUsage",
    when: "always (Cost Explorer source): spend by tag, untagged spend by service",
  },
  { action: "ce:GetCostForecast", when: "a month in progress (Cost Explorer source)" },
  { action: "ce:GetCostAndUsageWithResources", when: "--by-profile (Cost Explorer source)" },
  { action: "sts:AssumeRole", when: "--assume-role, on the stack's billing.roleArn" },
] as const;
