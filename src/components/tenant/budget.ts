import { Budget } from "../../aws-types/budget";
import type * as awsInputs from "@pulumi/aws/types/input";
import type * as pulumi from "@pulumi/pulumi";
import { budgetName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";
import type { AlertTopic } from "./alert-topic";

/**
 * How a filter expression may spell a user-defined cost allocation tag's key. No AWS source says
 * whether `Expression.Tags.Key` takes the plain key or the `user:`-prefixed key of the legacy
 * `TagKeyValue` filter (`user:tenant$claims`): the API references say only "The key for the tag"
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_TagValues.html,
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_TagValues.html), botocore's
 * `TagKey` shape is any string up to 1,024 characters (budgets and ce 2016-10-20/2017-10-25 models),
 * the SDK and CloudFormation examples use the placeholder "key", and the provider's reports concern
 * the legacy filter: a Terraform budget with `TagKeyValue` `TagKey$value` showed $0
 * (https://github.com/hashicorp/terraform-provider-aws/issues/39850) until it was written
 * `user:TagKey$value` (https://github.com/hashicorp/terraform-provider-aws/issues/40987, documented
 * by https://github.com/hashicorp/terraform-provider-aws/pull/41085). So the budget names both.
 */
export const costTagKeySpellings = (key: string): [string, string] => [key, `user:${key}`];

/**
 * One tag condition correct under either reading: an `Or` of both spellings. The API reference's
 * `Expression.Or` "Return[s] results that match either" operand
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Expression.html):
 * a filter over line items, so a line item matched by both spellings is still counted once, and
 * the spelling AWS does not use matches nothing (no line item carries a cost allocation tag whose
 * key is literally `user:tenant` unless a resource is tagged `user:tenant`, which the program never
 * does). docs/operations.md (first deploy) gives the command that shows the budget sees the spend.
 */
const tagEquals = (key: string, value: string) => ({
  ors: costTagKeySpellings(key).map((spelling) => ({
    tags: { key: spelling, values: [value], matchOptions: ["EQUALS"] },
  })),
});

/**
 * What the budget counts: spend tagged with this tenant AND this environment, so two environments
 * in one account are not summed and a deny action never cuts the other one. It comes with
 * `metrics`: AWS takes either FilterExpression and Metrics or CostFilters and CostTypes
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_CreateBudget.html).
 */
export function budgetFilter(tenant: StackTenant): awsInputs.budgets.BudgetFilterExpression {
  return { ands: [tagEquals("tenant", tenant.name), tagEquals("environment", tenant.environment)] };
}

/** A limit as AWS Budgets' NumericValue `([0-9]*\.)?[0-9]+`: cents, never an exponent (`String(1e21)` is "1e+21"). */
export const budgetAmount = (usd: number): string => usd.toFixed(2).replace(/\.?0+$/, "");

/**
 * A monthly COST budget over the tenant's cost allocation tags. AWS Budgets refreshes every 8-12
 * hours and sees a tag only once it is activated in the payer account, so the CloudWatch spend
 * alarm is the near-real-time guard and this is the accountable one. It waits for the topic policy:
 * created first, its notifications would go to a topic that does not yet admit AWS Budgets.
 */
export function createBudget(
  tenant: StackTenant,
  alerts: AlertTopic,
  parent: pulumi.Resource,
): InstanceType<typeof Budget> {
  const subscribers = {
    subscriberEmailAddresses: tenant.notify.emails,
    subscriberSnsTopicArns: [alerts.topic.arn],
  };
  const notifications = [
    ...tenant.budget.alertAtPercent.map((percent) => ({
      ...subscribers,
      threshold: percent,
      notificationType: "ACTUAL",
    })),
    { ...subscribers, threshold: tenant.budget.forecastAtPercent, notificationType: "FORECASTED" },
  ].map((notification) => ({
    ...notification,
    comparisonOperator: "GREATER_THAN",
    thresholdType: "PERCENTAGE",
  }));

  return new Budget(
    logicalName(tenant.name, "budget"),
    {
      name: budgetName(tenant.name, tenant.environment),
      budgetType: "COST",
      limitAmount: budgetAmount(tenant.budget.monthlyUsd),
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      filterExpression: budgetFilter(tenant),
      metrics: "UnblendedCost",
      notifications,
      tags: tenant.tags,
    },
    { parent, dependsOn: [alerts.policy] },
  );
}
