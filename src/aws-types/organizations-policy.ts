import type * as organizations from "@pulumi/aws/organizations";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/**
 * A service control policy (or another Organizations policy type: its `type` input says); attachments
 * read its `id` (`p-…`), which every custom resource has. No API mapping yet: its constraints are
 * checked by tools/check/preflight/scp-limits.ts.
 */
export const organizationsPolicy = defineAwsType({
  type: "aws:organizations/policy:Policy",
  outputs: [],
  refresh: {
    stack: "organization",
    actions: ["organizations:DescribePolicy", "organizations:ListTagsForResource"],
    source: "organizations/policy.go@00a3530: resourcePolicyRead → findPolicyByID (DescribePolicy); tags",
  },
  mock: {
    arn: {
      iamResourceType: "organizations:policy",
      format:
        "arn:${Partition}:organizations::${Account}:policy/o-${OrganizationId}/${PolicyType}/p-${PolicyId}",
    },
    id: "p-${PolicyId}",
    // A policy id is p- and 8 or more lowercase alphanumerics; the program creates SCPs only.
    values: {
      OrganizationId: { text: "exampleorg" },
      PolicyType: { text: "service_control_policy" },
      PolicyId: { base36: 8 },
    },
  },
});

export const OrganizationsPolicy = leanResource<organizations.PolicyArgs>(organizationsPolicy);
