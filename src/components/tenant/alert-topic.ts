import { Topic } from "../../aws-types/sns-topic";
import { TopicPolicy } from "../../aws-types/sns-topic-policy";
import { TopicSubscription } from "../../aws-types/sns-topic-subscription";
import type { PolicyDocument } from "@pulumi/aws/iam/documents";
import * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "../../arns";
import { alertTopicName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";

export interface AlertTopic {
  topic: InstanceType<typeof Topic>;
  /** What publishers wait for: a budget created before it would publish to a topic that refuses it. */
  policy: InstanceType<typeof TopicPolicy>;
}

/**
 * Who may publish to the tenant's topic. A topic policy replaces the default one, so every
 * publisher is named, each scoped to the account it publishes from (confused-deputy guard):
 * - CloudWatch, for the tenant's alarms: without it every ALARM and OK notification is dropped
 *   (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger);
 * - AWS Budgets, for the tenant's budget and its action, from the tenant's account
 *   (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html);
 * - Cost Anomaly Detection, whose subscriptions live in the payer account, so that account is the
 *   `aws:SourceAccount` (https://docs.aws.amazon.com/cost-management/latest/userguide/ad-SNS.html).
 */
export function alertTopicPolicy(tenant: StackTenant, topicArn: string): PolicyDocument {
  const publish = (sid: string, service: string, condition: Record<string, Record<string, string>>) => ({
    Sid: sid,
    Effect: "Allow" as const,
    Principal: { Service: service },
    Action: "sns:Publish",
    Resource: topicArn,
    Condition: condition,
  });
  return {
    Version: "2012-10-17",
    Statement: [
      publish("CloudWatchAlarmsPublish", "cloudwatch.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": tenant.accountId },
        ArnLike: {
          "aws:SourceArn": `arn:${partitionOf(tenant.region)}:cloudwatch:${tenant.region}:${tenant.accountId}:alarm:*`,
        },
      }),
      publish("BudgetsPublish", "budgets.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": tenant.accountId },
      }),
      publish("AnomalyAlertsPublish", "costalerts.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": tenant.billingAccountId },
      }),
    ],
  } satisfies PolicyDocument;
}

/** The tenant's alert topic, its policy, and one email subscription per address. */
export function createAlertTopic(tenant: StackTenant, parent: pulumi.Resource): AlertTopic {
  const topic = new Topic(
    logicalName(tenant.name, "alerts"),
    { name: alertTopicName(tenant.name, tenant.environment), tags: tenant.tags },
    { parent },
  );
  const policy = new TopicPolicy(
    logicalName(tenant.name, "alerts-policy"),
    {
      arn: topic.arn,
      policy: pulumi.jsonStringify(topic.arn.apply((topicArn) => alertTopicPolicy(tenant, topicArn))),
    },
    { parent },
  );
  for (const email of tenant.notify.emails) {
    new TopicSubscription(
      logicalName(tenant.name, "alerts", email),
      { topic: topic.arn, protocol: "email", endpoint: email },
      { parent },
    );
  }
  return { topic, policy };
}
