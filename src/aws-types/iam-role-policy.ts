import type * as iam from "@pulumi/aws/iam";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** The inline policy of the budget action's role. */
export const iamRolePolicy = defineAwsType({
  type: "aws:iam/rolePolicy:RolePolicy",
  outputs: [],
  api: {
    operation: "iam:PutRolePolicy",
    members: { role: "RoleName", name: "PolicyName", policy: "PolicyDocument" },
    // The provider names an unnamed inline policy itself (terraform's unique-id prefix).
    filledByProvider: ["PolicyName"],
  },
  refresh: {
    stack: "environment",
    actions: ["iam:GetRolePolicy"],
    source: "iam/role_policy.go@02f97af: resourceRolePolicyRead → FindRolePolicyByTwoPartKey (GetRolePolicy)",
  },
});

export const IamRolePolicy = leanResource<iam.RolePolicyArgs>(iamRolePolicy);
