import type * as costexplorer from "@pulumi/aws/costexplorer";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** Who hears of the anomaly monitor's findings. */
export const anomalySubscription = defineAwsType({
  type: "aws:costexplorer/anomalySubscription:AnomalySubscription",
  outputs: [],
  api: {
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
  refresh: {
    stack: "organization",
    actions: ["ce:GetAnomalySubscriptions", "ce:ListTagsForResource"],
    source:
      "ce/anomaly_subscription.go@050ac11: resourceAnomalySubscriptionRead → FindAnomalySubscriptionByARN (GetAnomalySubscriptions); tags",
  },
  mock: {
    arn: {
      iamResourceType: "ce:anomalysubscription",
      format: "arn:${Partition}:ce::${Account}:anomalysubscription/${Identifier}",
    },
    values: { Identifier: "uuid" },
  },
  notJudgedByThePack: "the org stack's own; the preflight checks its targets",
});

export const AnomalySubscription = leanResource<costexplorer.AnomalySubscriptionArgs>(anomalySubscription);
