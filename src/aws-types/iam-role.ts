import type * as iam from "@pulumi/aws/iam";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** The role AWS Budgets assumes to run a tenant's budget action. */
export const iamRole = defineAwsType({
  type: "aws:iam/role:Role",
  outputs: ["arn"],
  api: {
    operation: "iam:CreateRole",
    members: {
      name: "RoleName",
      path: "Path",
      description: "Description",
      assumeRolePolicy: "AssumeRolePolicyDocument",
      ...tagMembers("Tags"),
    },
  },
  refresh: {
    stack: "environment",
    actions: ["iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies"],
    source:
      "iam/role.go@0040ea6: resourceRoleRead → FindRoleByName (GetRole), readRoleInlinePolicies (ListRolePolicies, GetRolePolicy), readRolePolicyAttachments (ListAttachedRolePolicies)",
  },
  mock: {
    arn: { iamResourceType: "iam:role", format: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}" },
    id: "${RoleName}",
  },
});

export const IamRole = leanResource<iam.RoleArgs, "arn">(iamRole);
