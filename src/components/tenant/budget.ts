import { Budget } from "../../aws-resources";
import * as pulumi from "@pulumi/pulumi";
import { budgetName, logicalName, tagKeyValueFilter } from "../../naming";
import type { StackTenant } from "../../stack-tenants";

/**
 * A monthly COST budget over the tenant's `tenant` cost allocation tag. AWS Budgets refreshes
 * every 8-12 hours and sees a tag only once it is activated in the payer account, so the
 * CloudWatch spend alarm is the near-real-time guard and this is the accountable one.
 */
export function createBudget(
  tenant: StackTenant,
  topicArn: pulumi.Output<string>,
  parent: pulumi.Resource,
): InstanceType<typeof Budget> {
  const subscribers = { subscriberEmailAddresses: tenant.notify.emails, subscriberSnsTopicArns: [topicArn] };
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
      limitAmount: String(tenant.budget.monthlyUsd),
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      costFilters: [{ name: "TagKeyValue", values: [tagKeyValueFilter("tenant", tenant.name)] }],
      notifications,
      tags: tenant.tags,
    },
    { parent },
  );
}
