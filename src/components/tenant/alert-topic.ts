import { Topic, TopicPolicy, TopicSubscription } from "../../aws-resources";
import * as pulumi from "@pulumi/pulumi";
import { alertTopicName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";

/**
 * The tenant's alert topic, subscribed by its emails. AWS Budgets and Cost Anomaly Detection
 * publish as services, so the topic policy must let them in (CloudWatch alarms in the same
 * account need no grant).
 */
export function createAlertTopic(tenant: StackTenant, parent: pulumi.Resource): InstanceType<typeof Topic> {
  const topic = new Topic(
    logicalName(tenant.name, "alerts"),
    { name: alertTopicName(tenant.name, tenant.environment), tags: tenant.tags },
    { parent },
  );
  new TopicPolicy(
    logicalName(tenant.name, "alerts-policy"),
    {
      arn: topic.arn,
      policy: topic.arn.apply((topicArn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "CostServicesPublish",
              Effect: "Allow",
              Principal: { Service: ["budgets.amazonaws.com", "costalerts.amazonaws.com"] },
              Action: "SNS:Publish",
              Resource: topicArn,
              Condition: { StringEquals: { "aws:SourceAccount": tenant.accountId } },
            },
          ],
        }),
      ),
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
  return topic;
}
