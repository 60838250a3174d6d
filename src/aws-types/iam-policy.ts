import type * as iam from "@pulumi/aws/iam";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** A managed policy: a tenant's invoke policy and its budget action's deny policy. */
export const iamPolicy = defineAwsType({
  type: "aws:iam/policy:Policy",
  outputs: ["arn"],
  api: {
    operation: "iam:CreatePolicy",
    members: {
      name: "PolicyName",
      path: "Path",
      description: "Description",
      policy: "PolicyDocument",
      ...tagMembers("Tags"),
    },
  },
  refresh: {
    stack: "environment",
    actions: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyTags"],
    source:
      "iam/policy.go@01ccd9a: resourcePolicyRead → findPolicyByARN (GetPolicy), findPolicyVersion (GetPolicyVersion); policyTags (ListPolicyTags)",
  },
  mock: {
    arn: {
      iamResourceType: "iam:policy",
      format: "arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}",
    },
  },
});

export const IamPolicy = leanResource<iam.PolicyArgs, "arn">(iamPolicy);
