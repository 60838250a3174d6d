import type * as sns from "@pulumi/aws/sns";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** Who may publish to a tenant's alert topic (src/components/tenant/alert-topic.ts). */
export const snsTopicPolicy = defineAwsType({
  type: "aws:sns/topicPolicy:TopicPolicy",
  outputs: [],
  api: {
    operation: "sns:SetTopicAttributes",
    // The provider sends the policy as the `Policy` attribute.
    members: { arn: "TopicArn", policy: "AttributeValue" },
    filledByProvider: ["AttributeName"],
  },
  refresh: {
    stack: "environment",
    actions: ["sns:GetTopicAttributes"],
    source:
      "sns/topic_policy.go@00a3530: resourceTopicPolicyRead → findTopicAttributesWithValidAWSPrincipalsByARN (GetTopicAttributes)",
  },
  notJudgedByThePack: "its grants are to AWS services, not to Bedrock",
});

export const TopicPolicy = leanResource<sns.TopicPolicyArgs>(snsTopicPolicy);
