import type * as organizations from "@pulumi/aws/organizations";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** An SCP attached to an account or organizational unit. */
export const organizationsPolicyAttachment = defineAwsType({
  type: "aws:organizations/policyAttachment:PolicyAttachment",
  outputs: [],
  refresh: {
    stack: "organization",
    actions: ["organizations:ListTargetsForPolicy"],
    source:
      "organizations/policy_attachment.go@0903448: resourcePolicyAttachmentRead → ListTargetsForPolicy pages",
  },
  mock: {
    id: "${TargetId}:${PolicyId}",
    values: { TargetId: { input: "targetId" }, PolicyId: { input: "policyId" } },
    named: false,
  },
});

export const OrganizationsPolicyAttachment = leanResource<organizations.PolicyAttachmentArgs>(
  organizationsPolicyAttachment,
);
