import type * as sns from "@pulumi/aws/sns";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** An email or topic endpoint of a tenant's alert topic. */
export const snsTopicSubscription = defineAwsType({
  type: "aws:sns/topicSubscription:TopicSubscription",
  outputs: [],
  api: {
    operation: "sns:Subscribe",
    members: { topic: "TopicArn", protocol: "Protocol", endpoint: "Endpoint" },
  },
  refresh: {
    stack: "environment",
    actions: ["sns:GetSubscriptionAttributes"],
    source:
      "sns/topic_subscription.go@04a2e6e: resourceTopicSubscriptionRead → findSubscriptionAttributesByARN (GetSubscriptionAttributes)",
  },
  // The Service Authorization Reference lists no subscription resource: its ARN extends its topic's.
  mock: {
    arn: { format: "${TopicArn}:${SubscriptionId}" },
    values: { TopicArn: { input: "topic" }, SubscriptionId: "uuid" },
  },
  notJudgedByThePack: "an email or topic endpoint, no spend",
});

export const TopicSubscription = leanResource<sns.TopicSubscriptionArgs>(snsTopicSubscription);
