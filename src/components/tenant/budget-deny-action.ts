import { Budget } from "../../aws-types/budget";
import { BudgetAction } from "../../aws-types/budget-action";
import { IamPolicy } from "../../aws-types/iam-policy";
import { IamRole } from "../../aws-types/iam-role";
import { IamRolePolicy } from "../../aws-types/iam-role-policy";
import type { PolicyDocument } from "@pulumi/aws/iam/documents";
import * as pulumi from "@pulumi/pulumi";
import { iamRoleArn } from "../../arns";
import { budgetActionRoleName, denyPolicyName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";
import type { AlertTopic } from "./alert-topic";
import { bedrockInvokeActions } from "./invoke-policy";

/** The policy the action attaches: every Bedrock invoke denied. */
export const denyPolicyDocument = (): PolicyDocument =>
  ({
    Version: "2012-10-17",
    Statement: [{ Sid: "BudgetExceeded", Effect: "Deny", Action: bedrockInvokeActions, Resource: "*" }],
  }) satisfies PolicyDocument;

/** AWS Budgets assumes the execution role, for budgets of the tenant's own account only. */
export const budgetActionTrustPolicy = (tenant: StackTenant): PolicyDocument =>
  ({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "budgets.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": tenant.accountId } },
      },
    ],
  }) satisfies PolicyDocument;

/**
 * What the execution role may do: attach and detach that one deny policy. On `role/*`, because a
 * workload role may sit under an IAM path (`role/teams/claims/<name>`), which `role/<name>` would
 * miss; the `iam:PolicyARN` condition keeps it to the deny policy, so it can grant nothing.
 */
export const budgetActionPermissions = (tenant: StackTenant, denyPolicyArn: string): PolicyDocument =>
  ({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
        Resource: iamRoleArn(tenant.accountId, "*", tenant.region),
        Condition: { ArnEquals: { "iam:PolicyARN": denyPolicyArn } },
      },
    ],
  }) satisfies PolicyDocument;

/**
 * `onExceed: "deny"`: when actual spend passes 100% of the budget, AWS Budgets attaches a
 * policy denying every Bedrock invoke to the tenant's workload roles, with no human approval.
 * AWS does not say the action undoes itself: someone detaches the policy (or reverses the action
 * in the Budgets console) to restore access; see docs/operations.md.
 */
export function createBudgetDenyAction(
  tenant: StackTenant,
  budget: InstanceType<typeof Budget>,
  alerts: AlertTopic,
  parent: pulumi.Resource,
): InstanceType<typeof BudgetAction> {
  const denyPolicy = new IamPolicy(
    logicalName(tenant.name, "deny-policy"),
    {
      name: denyPolicyName(tenant.name, tenant.environment),
      description: `Attached by AWS Budgets when ${tenant.name} (${tenant.environment}) passes its monthly Bedrock budget`,
      policy: pulumi.jsonStringify(denyPolicyDocument()),
      tags: tenant.tags,
    },
    { parent },
  );
  const executionRole = new IamRole(
    logicalName(tenant.name, "budget-action-role"),
    {
      name: budgetActionRoleName(tenant.name, tenant.environment),
      description: `Lets AWS Budgets attach the Bedrock deny policy of ${tenant.name} (${tenant.environment})`,
      assumeRolePolicy: pulumi.jsonStringify(budgetActionTrustPolicy(tenant)),
      tags: tenant.tags,
    },
    { parent },
  );
  new IamRolePolicy(
    logicalName(tenant.name, "budget-action-permissions"),
    {
      role: executionRole.id,
      policy: pulumi.jsonStringify(
        denyPolicy.arn.apply((policyArn) => budgetActionPermissions(tenant, policyArn)),
      ),
    },
    { parent },
  );
  return new BudgetAction(
    logicalName(tenant.name, "budget-deny"),
    {
      budgetName: budget.name,
      actionType: "APPLY_IAM_POLICY",
      approvalModel: "AUTOMATIC",
      notificationType: "ACTUAL",
      actionThreshold: { actionThresholdType: "PERCENTAGE", actionThresholdValue: 100 },
      definition: { iamActionDefinition: { policyArn: denyPolicy.arn, roles: tenant.workloadRoles } },
      executionRoleArn: executionRole.arn,
      subscribers: [
        { subscriptionType: "SNS", address: alerts.topic.arn },
        ...tenant.notify.emails.map((address) => ({ subscriptionType: "EMAIL", address })),
      ],
      tags: tenant.tags,
    },
    { parent, dependsOn: [alerts.policy] },
  );
}
