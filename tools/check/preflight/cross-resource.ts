import { geoServesRegion } from "../../../src/catalog";
import { partitionOf } from "../../../src/arns";
import type { PlannedResource } from "../plan/planned-resource";
import type { PreflightIssue } from "./issue";
import type { PlanIndex } from "./plan-index";
import { type Publisher, grantsPublish } from "./topic-grants";
import { anomalySubscription } from "../../../src/aws-types/anomaly-subscription";
import { budget as budgetSpec } from "../../../src/aws-types/budget";
import { budgetAction } from "../../../src/aws-types/budget-action";
import { inferenceProfile } from "../../../src/aws-types/inference-profile";
import { metricAlarm } from "../../../src/aws-types/metric-alarm";

/**
 * Rules between resources that no single request shows:
 * - an alarm's SNS actions are in the alarm's own Region and partition (PutMetricAlarm refuses
 *   others: https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger);
 * - a topic that an alarm, budget or anomaly subscription publishes to lets that service publish
 *   (a replaced topic policy that omits CloudWatch drops every alarm notification, same page;
 *   Budgets: https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html;
 *   Cost Anomaly Detection, with the subscription's account as aws:SourceAccount:
 *   https://docs.aws.amazon.com/cost-management/latest/userguide/ad-SNS.html);
 * - a profile copied from a system-defined profile `<geo>.<model>` is created in a Region that geo serves.
 */
export function checkAcrossResources(
  resource: PlannedResource,
  index: PlanIndex,
  issues: PreflightIssue[],
  seenGrants: Set<string>,
): void {
  const issue = (input: string, rule: string, value: unknown) =>
    issues.push({ urn: resource.urn, type: resource.type, name: resource.name, input, rule, value });
  const placement = index.placementOf(resource);

  const requireGrant = (input: string, topicArn: unknown, publisher: Publisher) => {
    if (typeof topicArn !== "string" || !index.topicsByArn.has(topicArn)) return; // not ours: its policy is not in the plan
    const key = `${topicArn}|${publisher.service}|${publisher.sourceAccount}`;
    if (seenGrants.has(key)) return;
    seenGrants.add(key);
    const policies = index.topicPoliciesByArn.get(topicArn) ?? [];
    // A topic with its default policy lets its own account's CloudWatch alarms publish, no service else.
    const granted =
      policies.length === 0
        ? publisher.service === "cloudwatch.amazonaws.com"
        : policies.some(
            (policy) =>
              typeof policy.inputs.policy === "string" &&
              grantsPublish(policy.inputs.policy, topicArn, publisher),
          );
    if (!granted)
      issue(
        input,
        `SNS would drop its notifications: the policy of topic ${topicArn} does not let ${publisher.service} publish${
          publisher.requireScope ? " scoped with aws:SourceArn or aws:SourceAccount" : ""
        } from account ${publisher.sourceAccount}`,
        topicArn,
      );
  };

  switch (resource.type) {
    case metricAlarm.type: {
      const alarmArn = typeof resource.outputs?.arn === "string" ? resource.outputs.arn : undefined;
      for (const member of ["alarmActions", "okActions", "insufficientDataActions"]) {
        const actions = resource.inputs[member];
        if (!Array.isArray(actions)) continue;
        actions.forEach((action, position) => {
          const topic = typeof action === "string" ? /^arn:([^:]+):sns:([^:]+):(\d{12}):/.exec(action) : null;
          if (!topic) return;
          const input = `${member}[${position}]`;
          if (topic[2] !== placement.region || topic[1] !== partitionOf(placement.region))
            issue(
              input,
              `CloudWatch PutMetricAlarm would reject it: an SNS action must be in the alarm's Region ${placement.region} (partition ${partitionOf(placement.region)})`,
              action,
            );
          requireGrant(input, action, {
            service: "cloudwatch.amazonaws.com",
            sourceAccount: placement.accountId,
            sourceArn: alarmArn,
            requireScope: true,
          });
        });
      }
      return;
    }
    case budgetSpec.type: {
      const notifications = resource.inputs.notifications;
      if (!Array.isArray(notifications)) return;
      notifications.forEach((notification, position) => {
        const topics = (notification as { subscriberSnsTopicArns?: unknown })?.subscriberSnsTopicArns;
        if (Array.isArray(topics))
          topics.forEach((topic, topicPosition) =>
            requireGrant(
              `notifications[${position}].subscriberSnsTopicArns[${topicPosition}]`,
              topic,
              budgetsPublisher(placement.accountId),
            ),
          );
      });
      return;
    }
    case budgetAction.type:
    case anomalySubscription.type: {
      const subscribers = resource.inputs.subscribers;
      if (!Array.isArray(subscribers)) return;
      const anomaly = resource.type.startsWith("aws:costexplorer");
      subscribers.forEach((subscriber, position) => {
        const { type, subscriptionType, address } = (subscriber ?? {}) as Record<string, unknown>;
        if ((type ?? subscriptionType) !== "SNS") return;
        requireGrant(
          `subscribers[${position}].address`,
          address,
          anomaly
            ? { service: "costalerts.amazonaws.com", sourceAccount: placement.accountId, requireScope: false }
            : budgetsPublisher(placement.accountId),
        );
      });
      return;
    }
    case inferenceProfile.type: {
      const copyFrom = (resource.inputs.modelSource as { copyFrom?: unknown } | undefined)?.copyFrom;
      const system =
        typeof copyFrom === "string"
          ? /:bedrock:([^:]+):\d*:inference-profile\/([a-z-]+)\./.exec(copyFrom)
          : null;
      if (system && !geoServesRegion(system[2], system[1]))
        issue(
          "modelSource.copyFrom",
          `Bedrock CreateInferenceProfile would reject it: the system-defined profiles of geo "${system[2]}" are not offered in ${system[1]}`,
          copyFrom,
        );
      return;
    }
  }
}

const budgetsPublisher = (accountId: string): Publisher => ({
  service: "budgets.amazonaws.com",
  sourceAccount: accountId,
  requireScope: false,
});
