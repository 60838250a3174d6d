/**
 * Pulumi type tokens the policies judge. The pack does not import @pulumi/aws or @pulumi/aws-native
 * (it judges any program, and loading a provider SDK would cost seconds on every deploy), so the
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
