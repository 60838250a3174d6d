import type * as budgets from "@pulumi/aws/budgets";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** A tenant's budget action: attaches the deny policy when the budget runs out. */
export const budgetAction = defineAwsType({
  type: "aws:budgets/budgetAction:BudgetAction",
  outputs: [],
  api: {
    operation: "budgets:CreateBudgetAction",
    members: {
      budgetName: "BudgetName",
      actionType: "ActionType",
      approvalModel: "ApprovalModel",
      notificationType: "NotificationType",
      actionThreshold: "ActionThreshold",
      "actionThreshold.actionThresholdType": "ActionThreshold.ActionThresholdType",
      "actionThreshold.actionThresholdValue": "ActionThreshold.ActionThresholdValue",
      definition: "Definition",
      "definition.iamActionDefinition.policyArn": "Definition.IamActionDefinition.PolicyArn",
      "definition.iamActionDefinition.roles": "Definition.IamActionDefinition.Roles",
      "definition.iamActionDefinition.roles[]": "Definition.IamActionDefinition.Roles[]",
      executionRoleArn: "ExecutionRoleArn",
      subscribers: "Subscribers",
      "subscribers[].subscriptionType": "Subscribers[].SubscriptionType",
      "subscribers[].address": "Subscribers[].Address",
      ...tagMembers("ResourceTags"),
    },
    filledByProvider: ["AccountId"],
  },
  refresh: {
    stack: "environment",
    actions: ["budgets:DescribeBudgetAction", "budgets:ListTagsForResource"],
    source:
      "budgets/budget_action.go@01c0800: resourceBudgetActionRead → FindActionByThreePartKey (DescribeBudgetAction); tags",
  },
  mock: {
    arn: {
      iamResourceType: "budgets:budgetaction",
      format: "arn:${Partition}:budgets::${Account}:budget/${BudgetName}/action/${ActionId}",
    },
    id: "${Account}:${ActionId}:${BudgetName}",
    // The action's ARN names its budget's, not its own.
    values: { BudgetName: { input: "budgetName" }, ActionId: "uuid" },
  },
  notJudgedByThePack: "the budget it acts for is what the pack judges",
});

export const BudgetAction = leanResource<budgets.BudgetActionArgs>(budgetAction);
