/**
 * The Pulumi type tokens of the root package, in one table: the resources the program registers
 * (its lean stand-ins in aws-resources.ts, its components, the stack and its providers), and the
 * few the check reads from a stack export of any program. The program's stand-ins, the check's
 * plan readers, its AWS mocks and its AWS preflight all name a type through this table.
 *
 * Names follow the policy pack's table (policies/lib/resource-types.ts), which ships on its own and
 * so cannot import this one: test/unit/resource-types.test.ts requires the two to spell every token
 * they share identically, under the same name, and the pack to know each program type it judges.
 * test/unit/aws-resources.test.ts requires each stand-in's token to be its `@pulumi/aws` class's.
 */
export const resourceTypes = {
  stack: "pulumi:pulumi:Stack",
  awsProvider: "pulumi:providers:aws",
  tenantGuardrails: "bedrock-cost-governance:index:TenantGuardrails",
  organizationGuardrails: "bedrock-cost-governance:index:OrganizationGuardrails",

  inferenceProfile: "aws:bedrock/inferenceProfile:InferenceProfile",
  ssmParameter: "aws:ssm/parameter:Parameter",
  snsTopic: "aws:sns/topic:Topic",
  snsTopicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  snsTopicSubscription: "aws:sns/topicSubscription:TopicSubscription",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  budget: "aws:budgets/budget:Budget",
  budgetAction: "aws:budgets/budgetAction:BudgetAction",
  iamPolicy: "aws:iam/policy:Policy",
  iamRole: "aws:iam/role:Role",
  iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
  iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  costAllocationTag: "aws:costexplorer/costAllocationTag:CostAllocationTag",
  anomalyMonitor: "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  anomalySubscription: "aws:costexplorer/anomalySubscription:AnomalySubscription",
  /** A service control policy (or another Organizations policy type: its `type` input says). */
  organizationsPolicy: "aws:organizations/policy:Policy",
  organizationsPolicyAttachment: "aws:organizations/policyAttachment:PolicyAttachment",

  /** Never registered by the program: the plan summary reads it from a stack export of another program. */
  nativeInferenceProfile: "aws-native:bedrock:ApplicationInferenceProfile",
} as const;
