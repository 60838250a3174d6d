/**
 * AWS quotas and service rules the API models do not carry, copied from the team's
 * `shared/data/aws-quotas.json` (asOf 2026-12-01) with the page that states each; the IAM and
 * SNS ones re-read on those pages for this project.
 * Of the shared list, the rest are in the models already (five actions per alarm state is
 * PutMetricAlarm's ResourceList max 5; ten notifications per budget is
 * NotificationWithSubscribersList max 10) or concern nothing the program creates (SCP size).
 */
export const awsQuotas = {
  /**
   * "Managed policy size: 6,144 characters"; "IAM doesn't count white space when calculating the
   * size of a policy against these limits".
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  managedPolicyDocumentChars: 6144,
  /** Role trust policy length, default (adjustable to 4,096); same page. */
  roleTrustPolicyChars: 2048,
  /** Inline policies of one role, all together; same page. */
  roleInlinePoliciesAggregateChars: 10240,
  /**
   * "Managed policies attached to an IAM role: 10" (default; adjustable to 20); same page. The
   * program attaches one or two to each workload role (src/workload-role-problems.ts).
   */
  managedPoliciesPerRole: 10,
  /**
   * Each budget notification takes 10 email subscribers and 1 SNS topic.
   * https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html
   */
  budgetEmailSubscribersPerNotification: 10,
  budgetSnsSubscribersPerNotification: 1,
  /**
   * CreateTopic: "Topic names must be made up of only uppercase and lowercase ASCII letters,
   * numbers, underscores, and hyphens, and must be between 1 and 256 characters long" (FIFO
   * topics end in `.fifo`). https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
   */
  snsTopicName: /^[A-Za-z0-9_-]{1,256}$|^[A-Za-z0-9_-]{1,251}\.fifo$/,
} as const;

/** IAM's size of a policy document: its characters, whitespace not counted. */
export function iamPolicySize(document: string): number {
  let size = 0;
  for (let index = 0; index < document.length; index++) {
    const code = document.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) size++;
  }
  return size;
}
