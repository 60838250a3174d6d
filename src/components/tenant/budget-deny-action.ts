import { Budget, BudgetAction, IamPolicy, IamRole, IamRolePolicy } from "../../aws-resources";
import * as pulumi from "@pulumi/pulumi";
import { iamRoleArn } from "../../arns";
import { budgetActionRoleName, denyPolicyName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";
import { bedrockInvokeActions } from "./invoke-policy";

/**
 * `onExceed: "deny"`: when actual spend passes 100% of the budget, AWS Budgets attaches a
 * policy denying every Bedrock invoke to the tenant's workload roles, with no human
 * approval. Detaching it (or the next month's reset) restores access.
 */
export function createBudgetDenyAction(
  tenant: StackTenant,
  budget: InstanceType<typeof Budget>,
  topicArn: pulumi.Output<string>,
  parent: pulumi.Resource,
): InstanceType<typeof BudgetAction> {
  const denyPolicy = new IamPolicy(
    logicalName(tenant.name, "deny-policy"),
    {
      name: denyPolicyName(tenant.name, tenant.environment),
      description: `Attached by AWS Budgets when ${tenant.name} (${tenant.environment}) passes its monthly Bedrock budget`,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "BudgetExceeded", Effect: "Deny", Action: bedrockInvokeActions, Resource: "*" }],
      }),
      tags: tenant.tags,
    },
    { parent },
  );
  const executionRole = new IamRole(
    logicalName(tenant.name, "budget-action-role"),
    {
      name: budgetActionRoleName(tenant.name, tenant.environment),
      description: `Lets AWS Budgets attach the Bedrock deny policy of ${tenant.name} (${tenant.environment})`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "budgets.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": tenant.accountId } },
          },
        ],
      }),
      tags: tenant.tags,
    },
    { parent },
  );
  new IamRolePolicy(
    logicalName(tenant.name, "budget-action-permissions"),
    {
      role: executionRole.id,
      policy: denyPolicy.arn.apply((policyArn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
              Resource: tenant.workloadRoles.map((role) => iamRoleArn(tenant.accountId, role, tenant.region)),
              Condition: { ArnEquals: { "iam:PolicyARN": policyArn } },
            },
          ],
        }),
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
        { subscriptionType: "SNS", address: topicArn },
        ...tenant.notify.emails.map((address) => ({ subscriptionType: "EMAIL", address })),
      ],
      tags: tenant.tags,
    },
    { parent },
  );
}
