import { Budget } from "../../aws-resources";
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { budgetName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";
import type { AlertTopic } from "./alert-topic";

/**
 * What the budget counts: spend tagged with this tenant AND this environment, so two environments
 * in one account are not summed and a deny action never cuts the other one. A filter expression's
 * tag key is the plain key (Cost Explorer's `Expression.Tags`), and it comes with `metrics`: AWS
 * takes either FilterExpression and Metrics or CostFilters and CostTypes
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_CreateBudget.html).
 */
export function budgetFilter(tenant: StackTenant): aws.types.input.budgets.BudgetFilterExpression {
  return {
    ands: [
      { tags: { key: "tenant", values: [tenant.name], matchOptions: ["EQUALS"] } },
      { tags: { key: "environment", values: [tenant.environment], matchOptions: ["EQUALS"] } },
    ],
  };
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
