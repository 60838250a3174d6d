import type * as budgets from "@pulumi/aws/budgets";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** A filter expression's leaf, at the top or inside `ands` (the shapes the program writes). */
const expressionLeaf = (pulumi: string, api: string): Record<string, string> => ({
  [`${pulumi}.tags.key`]: `${api}.Tags.Key`,
  [`${pulumi}.tags.values`]: `${api}.Tags.Values`,
  [`${pulumi}.tags.values[]`]: `${api}.Tags.Values[]`,
  [`${pulumi}.tags.matchOptions[]`]: `${api}.Tags.MatchOptions[]`,
  [`${pulumi}.dimensions.key`]: `${api}.Dimensions.Key`,
  [`${pulumi}.dimensions.values`]: `${api}.Dimensions.Values`,
  [`${pulumi}.dimensions.values[]`]: `${api}.Dimensions.Values[]`,
});

/** A tenant's monthly budget (src/components/tenant/budget.ts). */
export const budget = defineAwsType({
  type: "aws:budgets/budget:Budget",
  outputs: ["name"],
  api: {
    operation: "budgets:CreateBudget",
    members: {
      name: "Budget.BudgetName",
      budgetType: "Budget.BudgetType",
      limitAmount: "Budget.BudgetLimit.Amount",
      limitUnit: "Budget.BudgetLimit.Unit",
      timeUnit: "Budget.TimeUnit",
      "costFilters[].values[]": "Budget.CostFilters{value}[]",
      ...expressionLeaf("filterExpression", "Budget.FilterExpression"),
      "filterExpression.ands": "Budget.FilterExpression.And",
      ...expressionLeaf("filterExpression.ands[]", "Budget.FilterExpression.And[]"),
      // Each tag condition is an Or of its two key spellings (src/components/tenant/budget.ts).
      "filterExpression.ands[].ors": "Budget.FilterExpression.And[].Or",
      ...expressionLeaf("filterExpression.ands[].ors[]", "Budget.FilterExpression.And[].Or[]"),
      notifications: "NotificationsWithSubscribers",
      "notifications[].comparisonOperator": "NotificationsWithSubscribers[].Notification.ComparisonOperator",
      "notifications[].notificationType": "NotificationsWithSubscribers[].Notification.NotificationType",
      "notifications[].threshold": "NotificationsWithSubscribers[].Notification.Threshold",
      "notifications[].thresholdType": "NotificationsWithSubscribers[].Notification.ThresholdType",
      "notifications[].subscriberEmailAddresses[]": "NotificationsWithSubscribers[].Subscribers[].Address",
      "notifications[].subscriberSnsTopicArns[]": "NotificationsWithSubscribers[].Subscribers[].Address",
      ...tagMembers("ResourceTags"),
    },
    filledByProvider: ["AccountId"],
  },
  refresh: {
    stack: "environment",
    actions: ["budgets:ViewBudget", "budgets:ListTagsForResource"],
    source:
      "budgets/budget.go@01d5888: resourceBudgetRead → DescribeBudget, findNotifications (DescribeNotificationsForBudget), findSubscribers (DescribeSubscribersForNotification); tags",
  },
  mock: {
    arn: {
      iamResourceType: "budgets:budget",
      format: "arn:${Partition}:budgets::${Account}:budget/${BudgetName}",
    },
    id: "${Account}:${BudgetName}",
  },
});

export const Budget = leanResource<budgets.BudgetArgs, "name">(budget);
