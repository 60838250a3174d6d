import type { resourceTypes } from "./resource-types";

/**
 * Which AWS API request member each Pulumi input of the program's resource types becomes, one
 * entry per type of the spec table (aws-resource-specs.ts, which joins it to the type's token and
 * stand-in). `npm run gen:aws-rules -- <models-dir>` reads it, resolves every API
 * path in the botocore model of its operation, and writes the constraints it finds (lengths,
 * patterns, enums, list sizes, required members) to `src/data/aws-rules.json`.
 *
 * Paths: a Pulumi path is the input's property path, `[]` for each element of a list, `{key}` /
 * `{value}` for the keys / values of a map (Pulumi's `tags` map is AWS's list of `{Key, Value}`).
 * An API path starts inside the operation's request shape, `[]` for each element of a list.
 * Names follow the terraform-provider-aws resource that turns each input into the request.
 */
export interface ResourceApiMapping {
  /** `<botocore service file>:<operation>`, e.g. `bedrock:CreateInferenceProfile`. */
  operation: string;
  /** Pulumi input path → API member path. */
  members: Readonly<Record<string, string>>;
  /** Required request members the provider fills in itself (the account id from its credentials). */
  filledByProvider?: readonly string[];
}

/** A `tags` map becomes the operation's tag list of `{<key>, <value>}` members. */
const tagMembers = (list: string, key = "Key", value = "Value"): Record<string, string> => ({
  tags: list,
  "tags{key}": `${list}[].${key}`,
  "tags{value}": `${list}[].${value}`,
});

const budgetNotificationMembers = {
  notifications: "NotificationsWithSubscribers",
  "notifications[].comparisonOperator": "NotificationsWithSubscribers[].Notification.ComparisonOperator",
  "notifications[].notificationType": "NotificationsWithSubscribers[].Notification.NotificationType",
  "notifications[].threshold": "NotificationsWithSubscribers[].Notification.Threshold",
  "notifications[].thresholdType": "NotificationsWithSubscribers[].Notification.ThresholdType",
  "notifications[].subscriberEmailAddresses[]": "NotificationsWithSubscribers[].Subscribers[].Address",
  "notifications[].subscriberSnsTopicArns[]": "NotificationsWithSubscribers[].Subscribers[].Address",
};

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

export const apiMembers = {
  inferenceProfile: {
    operation: "bedrock:CreateInferenceProfile",
    members: {
      name: "inferenceProfileName",
      description: "description",
      modelSource: "modelSource",
      "modelSource.copyFrom": "modelSource.copyFrom",
      ...tagMembers("tags", "key", "value"),
    },
  },
  ssmParameter: {
    operation: "ssm:PutParameter",
    members: {
      name: "Name",
      description: "Description",
      type: "Type",
      value: "Value",
      ...tagMembers("Tags"),
    },
  },
  snsTopic: {
    operation: "sns:CreateTopic",
    members: { name: "Name", ...tagMembers("Tags") },
  },
  snsTopicPolicy: {
    operation: "sns:SetTopicAttributes",
    // The provider sends the policy as the `Policy` attribute.
    members: { arn: "TopicArn", policy: "AttributeValue" },
    filledByProvider: ["AttributeName"],
  },
  snsTopicSubscription: {
    operation: "sns:Subscribe",
    members: { topic: "TopicArn", protocol: "Protocol", endpoint: "Endpoint" },
  },
  metricAlarm: {
    operation: "cloudwatch:PutMetricAlarm",
    members: {
      name: "AlarmName",
      alarmDescription: "AlarmDescription",
      alarmActions: "AlarmActions",
      "alarmActions[]": "AlarmActions[]",
      okActions: "OKActions",
      "okActions[]": "OKActions[]",
      comparisonOperator: "ComparisonOperator",
      evaluationPeriods: "EvaluationPeriods",
      datapointsToAlarm: "DatapointsToAlarm",
      threshold: "Threshold",
      treatMissingData: "TreatMissingData",
      namespace: "Namespace",
      metricName: "MetricName",
      statistic: "Statistic",
      period: "Period",
      dimensions: "Dimensions",
      "dimensions{key}": "Dimensions[].Name",
      "dimensions{value}": "Dimensions[].Value",
      metricQueries: "Metrics",
      "metricQueries[].id": "Metrics[].Id",
      "metricQueries[].expression": "Metrics[].Expression",
      "metricQueries[].label": "Metrics[].Label",
      "metricQueries[].metric.namespace": "Metrics[].MetricStat.Metric.Namespace",
      "metricQueries[].metric.metricName": "Metrics[].MetricStat.Metric.MetricName",
      "metricQueries[].metric.dimensions": "Metrics[].MetricStat.Metric.Dimensions",
      "metricQueries[].metric.dimensions{key}": "Metrics[].MetricStat.Metric.Dimensions[].Name",
      "metricQueries[].metric.dimensions{value}": "Metrics[].MetricStat.Metric.Dimensions[].Value",
      "metricQueries[].metric.period": "Metrics[].MetricStat.Period",
      "metricQueries[].metric.stat": "Metrics[].MetricStat.Stat",
      ...tagMembers("Tags"),
    },
  },
  budget: {
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
      ...budgetNotificationMembers,
      ...tagMembers("ResourceTags"),
    },
    filledByProvider: ["AccountId"],
  },
  budgetAction: {
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
  iamPolicy: {
    operation: "iam:CreatePolicy",
    members: {
      name: "PolicyName",
      path: "Path",
      description: "Description",
      policy: "PolicyDocument",
      ...tagMembers("Tags"),
    },
  },
  iamRole: {
    operation: "iam:CreateRole",
    members: {
      name: "RoleName",
      path: "Path",
      description: "Description",
      assumeRolePolicy: "AssumeRolePolicyDocument",
      ...tagMembers("Tags"),
    },
  },
  iamRolePolicy: {
    operation: "iam:PutRolePolicy",
    members: { role: "RoleName", name: "PolicyName", policy: "PolicyDocument" },
    // The provider names an unnamed inline policy itself (terraform's unique-id prefix).
    filledByProvider: ["PolicyName"],
  },
  iamRolePolicyAttachment: {
    operation: "iam:AttachRolePolicy",
    members: { role: "RoleName", policyArn: "PolicyArn" },
  },
  costAllocationTag: {
    operation: "ce:UpdateCostAllocationTagsStatus",
    members: {
      tagKey: "CostAllocationTagsStatus[].TagKey",
      status: "CostAllocationTagsStatus[].Status",
    },
    filledByProvider: ["CostAllocationTagsStatus"],
  },
  anomalyMonitor: {
    operation: "ce:CreateAnomalyMonitor",
    members: {
      name: "AnomalyMonitor.MonitorName",
      monitorType: "AnomalyMonitor.MonitorType",
      monitorDimension: "AnomalyMonitor.MonitorDimension",
      ...tagMembers("ResourceTags"),
    },
  },
  anomalySubscription: {
    operation: "ce:CreateAnomalySubscription",
    members: {
      name: "AnomalySubscription.SubscriptionName",
      frequency: "AnomalySubscription.Frequency",
      monitorArnLists: "AnomalySubscription.MonitorArnList",
      "monitorArnLists[]": "AnomalySubscription.MonitorArnList[]",
      subscribers: "AnomalySubscription.Subscribers",
      "subscribers[].type": "AnomalySubscription.Subscribers[].Type",
      "subscribers[].address": "AnomalySubscription.Subscribers[].Address",
      "thresholdExpression.dimension.key": "AnomalySubscription.ThresholdExpression.Dimensions.Key",
      "thresholdExpression.dimension.matchOptions[]":
        "AnomalySubscription.ThresholdExpression.Dimensions.MatchOptions[]",
      "thresholdExpression.dimension.values[]": "AnomalySubscription.ThresholdExpression.Dimensions.Values[]",
      ...tagMembers("ResourceTags"),
    },
  },
} satisfies Partial<Record<keyof typeof resourceTypes, ResourceApiMapping>>;
