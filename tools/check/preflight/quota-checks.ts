import type { PlannedResource } from "../plan/planned-resource";
import type { PreflightIssue } from "./issue";
import { awsQuotas, iamPolicySize } from "../../../src/aws-quotas";
import { budget } from "../../../src/aws-types/budget";
import { iamPolicy } from "../../../src/aws-types/iam-policy";
import { iamRole } from "../../../src/aws-types/iam-role";
import { iamRolePolicy } from "../../../src/aws-types/iam-role-policy";
import { snsTopic } from "../../../src/aws-types/sns-topic";

/** Quotas per resource (policy sizes, subscribers per notification, topic names). */
export function checkQuotas(
  resource: PlannedResource,
  inlinePolicySizeByRole: Map<string, { size: number; resource: PlannedResource }>,
  issues: PreflightIssue[],
): void {
  const issue = (input: string, rule: string, value: unknown) =>
    issues.push({ urn: resource.urn, type: resource.type, name: resource.name, input, rule, value });
  const documentSize = (member: string, limit: number, what: string) => {
    const document = resource.inputs[member];
    if (typeof document !== "string") return;
    const size = iamPolicySize(document);
    if (size > limit)
      issue(
        member,
        `IAM would reject it: ${what} may hold ${limit.toLocaleString("en-US")} characters without whitespace; this one has ${size.toLocaleString("en-US")}`,
        document,
      );
  };
  switch (resource.type) {
    case iamPolicy.type:
      documentSize("policy", awsQuotas.managedPolicyDocumentChars, "a managed policy");
      return;
    case iamRole.type:
      documentSize("assumeRolePolicy", awsQuotas.roleTrustPolicyChars, "a role trust policy (default quota)");
      return;
    case iamRolePolicy.type: {
      const role = resource.inputs.role;
      const document = resource.inputs.policy;
      if (typeof role !== "string" || typeof document !== "string") return;
      const total = (inlinePolicySizeByRole.get(role)?.size ?? 0) + iamPolicySize(document);
      inlinePolicySizeByRole.set(role, { size: total, resource });
      if (total > awsQuotas.roleInlinePoliciesAggregateChars)
        issue(
          "policy",
          `IAM would reject it: the inline policies of role ${role} may hold ${awsQuotas.roleInlinePoliciesAggregateChars.toLocaleString("en-US")} characters without whitespace together; they have ${total.toLocaleString("en-US")}`,
          document,
        );
      return;
    }
    case snsTopic.type:
      if (typeof resource.inputs.name === "string" && !awsQuotas.snsTopicName.test(resource.inputs.name))
        issue(
          "name",
          "SNS CreateTopic would reject it: 1-256 characters of letters, digits, hyphens and underscores",
          resource.inputs.name,
        );
      return;
    case budget.type: {
      const notifications = resource.inputs.notifications;
      if (!Array.isArray(notifications)) return;
      notifications.forEach((notification, position) => {
        const { subscriberEmailAddresses: emails, subscriberSnsTopicArns: topics } = (notification ??
          {}) as Record<string, unknown>;
        if (Array.isArray(emails) && emails.length > awsQuotas.budgetEmailSubscribersPerNotification)
          issue(
            `notifications[${position}].subscriberEmailAddresses`,
            `AWS Budgets CreateBudget would reject it: at most ${awsQuotas.budgetEmailSubscribersPerNotification} email subscribers per notification`,
            emails,
          );
        if (Array.isArray(topics) && topics.length > awsQuotas.budgetSnsSubscribersPerNotification)
          issue(
            `notifications[${position}].subscriberSnsTopicArns`,
            `AWS Budgets CreateBudget would reject it: at most ${awsQuotas.budgetSnsSubscribersPerNotification} SNS topic per notification`,
            topics,
          );
      });
      return;
    }
  }
}
