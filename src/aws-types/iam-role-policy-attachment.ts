import type * as iam from "@pulumi/aws/iam";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** A tenant's invoke policy attached to its workload roles. */
export const iamRolePolicyAttachment = defineAwsType({
  type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  outputs: [],
  api: { operation: "iam:AttachRolePolicy", members: { role: "RoleName", policyArn: "PolicyArn" } },
  refresh: {
    stack: "environment",
    actions: ["iam:ListAttachedRolePolicies"],
    source:
      "iam/role_policy_attachment.go@04c7984: resourceRolePolicyAttachmentRead → RoleHasPolicyARNAttachment (ListAttachedRolePolicies)",
  },
});

export const IamRolePolicyAttachment = leanResource<iam.RolePolicyAttachmentArgs>(iamRolePolicyAttachment);
