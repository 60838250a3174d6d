import { profileNamingTypes } from "./surface-properties";
/**
 * Pulumi type tokens the policies judge. The pack does not import @pulumi/aws or @pulumi/aws-native
 * (it judges any program, and loading a provider SDK would slow every deploy), so the
 * types are matched by token, for both the classic (Terraform-bridged) and the native provider.
 */
export const types = {
  /** Classic profile: `tags` is a map. */
  inferenceProfile: "aws:bedrock/inferenceProfile:InferenceProfile",
  /** Native profile: `tags` is a `{key, value}` list. */
  nativeInferenceProfile: "aws-native:bedrock:ApplicationInferenceProfile",

  iamPolicy: "aws:iam/policy:Policy",
  iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
  iamUserPolicy: "aws:iam/userPolicy:UserPolicy",
  iamGroupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  /** `inlinePolicies: [{name, policy}]`. */
  iamRole: "aws:iam/role:Role",
  nativeManagedPolicy: "aws-native:iam:ManagedPolicy",
  nativeRolePolicy: "aws-native:iam:RolePolicy",
  nativeUserPolicy: "aws-native:iam:UserPolicy",
  nativeGroupPolicy: "aws-native:iam:GroupPolicy",
  /** `policies: [{policyName, policyDocument}]` on the three native principals. */
  nativeRole: "aws-native:iam:Role",
  nativeUser: "aws-native:iam:User",
  nativeGroup: "aws-native:iam:Group",

  /** Managed-policy attachments: `policyArn` (or `policyArns`, `managedPolicyArn(s)`). */
  iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  iamUserPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  iamGroupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  iamPolicyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  iamRolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  iamUserPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
  iamGroupPolicyAttachmentsExclusive:
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
  /** IAM Identity Center: `inlinePolicy` documents and AWS managed policies attached to permission sets. */
  ssoInlinePolicy: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
  ssoManagedPolicyAttachment: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment",
  ssoManagedPolicyAttachmentsExclusive:
    "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive",
  /** `inlinePolicy` (object or string) and `managedPolicies` ARNs. */
  nativePermissionSet: "aws-native:sso:PermissionSet",

  /** Bedrock resources that name the model they call. */
  agent: "aws:bedrock/agentAgent:AgentAgent",
  nativeAgent: "aws-native:bedrock:Agent",
  prompt: "aws:bedrock/agentPrompt:AgentPrompt",
  nativePrompt: "aws-native:bedrock:Prompt",
  nativePromptVersion: "aws-native:bedrock:PromptVersion",
  flow: "aws:bedrock/agentFlow:AgentFlow",
  nativeFlow: "aws-native:bedrock:Flow",
  nativeFlowVersion: "aws-native:bedrock:FlowVersion",
  /** `definition` is Amazon States Language JSON (native: `definitionString` or `definition`). */
  stateMachine: "aws:sfn/stateMachine:StateMachine",
  nativeStateMachine: "aws-native:stepfunctions:StateMachine",
  /** Provisioned throughput bills by the hour whether called or not. */
  provisionedThroughput: "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",

  lambdaFunction: "aws:lambda/function:Function",
  nativeLambdaFunction: "aws-native:lambda:Function",
  /** `containerDefinitions` is a JSON string. */
  ecsTaskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  nativeEcsTaskDefinition: "aws-native:ecs:TaskDefinition",
  ssmParameter: "aws:ssm/parameter:Parameter",
  nativeSsmParameter: "aws-native:ssm:Parameter",

  budget: "aws:budgets/budget:Budget",
  /** `budget: {...}` and `notificationsWithSubscribers`. */
  nativeBudget: "aws-native:budgets:Budget",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  nativeAlarm: "aws-native:cloudwatch:Alarm",
  costAllocationTag: "aws:costexplorer/costAllocationTag:CostAllocationTag",
  /** A service control policy when its `type` is `SERVICE_CONTROL_POLICY`, and its attachments. */
  organizationsPolicy: "aws:organizations/policy:Policy",
  organizationsPolicyAttachment: "aws:organizations/policyAttachment:PolicyAttachment",

  awsProvider: "pulumi:providers:aws",
  nativeProvider: "pulumi:providers:aws-native",
} as const;

export const profileTypes: readonly string[] = [types.inferenceProfile, types.nativeInferenceProfile];

export const iamDocumentTypes: readonly string[] = [
  types.iamPolicy,
  types.iamRolePolicy,
  types.iamUserPolicy,
  types.iamGroupPolicy,
  types.iamRole,
  types.nativeManagedPolicy,
  types.nativeRolePolicy,
  types.nativeUserPolicy,
  types.nativeGroupPolicy,
  types.nativeRole,
  types.nativeUser,
  types.nativeGroup,
  types.iamRolePolicyAttachment,
  types.iamUserPolicyAttachment,
  types.iamGroupPolicyAttachment,
  types.iamPolicyAttachment,
  types.iamRolePolicyAttachmentsExclusive,
  types.iamUserPolicyAttachmentsExclusive,
  types.iamGroupPolicyAttachmentsExclusive,
  types.ssoInlinePolicy,
  types.ssoManagedPolicyAttachment,
  types.ssoManagedPolicyAttachmentsExclusive,
  types.nativePermissionSet,
];

/** Hand-walked types (prompts, flows, state machines) and every type the spending surface says names a model. */
export const modelNamingTypes: readonly string[] = [
  ...new Set([
    ...profileNamingTypes,
    types.prompt,
    types.nativePrompt,
    types.nativePromptVersion,
    types.flow,
    types.nativeFlow,
    types.nativeFlowVersion,
    types.stateMachine,
    types.nativeStateMachine,
  ]),
];

export const workloadTypes: readonly string[] = [
  types.lambdaFunction,
  types.nativeLambdaFunction,
  types.ecsTaskDefinition,
  types.nativeEcsTaskDefinition,
  types.ssmParameter,
  types.nativeSsmParameter,
];

export const budgetTypes: readonly string[] = [types.budget, types.nativeBudget];
export const alarmTypes: readonly string[] = [types.metricAlarm, types.nativeAlarm];

export const isProfileType = (type: string): boolean => profileTypes.includes(type);
