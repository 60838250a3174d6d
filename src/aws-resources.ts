import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { resourceTypes } from "./resource-types";

/**
 * The AWS resources the program creates, registered with exactly the inputs it sets and the
 * outputs it reads.
 *
 * Why not the `@pulumi/aws` classes: each of those declares every property of its resource
 * (dozens for a MetricAlarm or a Topic) and the SDK makes an Output, with its promises, for each
 * one on every instance. At a thousand tenants that is hundreds of thousands of Outputs, and planning
 * spent most of its time collecting them. The engine sees the same request either way: the
 * same type token, the same provider package version, the same inputs (unset properties are
 * never sent). The input types are the provider's own `…Args`, so the compiler still checks
 * every property name and type, and test/unit/aws-resources.test.ts registers each stand-in and its
 * provider class side by side and requires identical RegisterResource requests (type, version,
 * properties, secret outputs, aliases, replaceOnChanges).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const awsPackageVersion: string = require("@pulumi/aws/package.json").version.replace(/^v/, "");

type LeanResource<TArgs, TOutputs extends string> = (new (
  name: string,
  args: TArgs,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource & { readonly [K in TOutputs]: pulumi.Output<string> }) & {
  /** The provider's type token, as its own class has it (a test keeps the two equal). */
  readonly __pulumiType: string;
};

function leanResource<TArgs extends object, TOutputs extends string = never>(
  type: string,
  outputs: readonly TOutputs[],
  defaults: pulumi.CustomResourceOptions = {},
  /** Inputs the provider's class wraps in `pulumi.secret` when set (as it does: `args?.value ? secret(...)`). */
  secretInputs: ReadonlyArray<keyof TArgs & string> = [],
): LeanResource<TArgs, TOutputs> {
  return class extends pulumi.CustomResource {
    static readonly __pulumiType = type;
    constructor(name: string, args: TArgs, opts?: pulumi.CustomResourceOptions) {
      const props: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(args)) if (value !== undefined) props[key] = value;
      for (const key of secretInputs) if (props[key]) props[key] = pulumi.secret(props[key]);
      for (const output of outputs) if (!(output in props)) props[output] = undefined;
      super(type, name, props, pulumi.mergeOptions({ version: awsPackageVersion, ...defaults }, opts));
    }
  } as unknown as LeanResource<TArgs, TOutputs>;
}

export const InferenceProfile = leanResource<aws.bedrock.InferenceProfileArgs, "arn">(
  resourceTypes.inferenceProfile,
  ["arn"],
);
export const SsmParameter = leanResource<aws.ssm.ParameterArgs>(
  resourceTypes.ssmParameter,
  [],
  // As the provider's class declares: a parameter's value is secret, as input and in state.
  { additionalSecretOutputs: ["value", "valueWo"] },
  ["value", "valueWo"],
);
export const Topic = leanResource<aws.sns.TopicArgs, "arn">(resourceTypes.snsTopic, ["arn"]);
export const TopicPolicy = leanResource<aws.sns.TopicPolicyArgs>(resourceTypes.snsTopicPolicy, []);
export const TopicSubscription = leanResource<aws.sns.TopicSubscriptionArgs>(
  resourceTypes.snsTopicSubscription,
  [],
);
export const MetricAlarm = leanResource<aws.cloudwatch.MetricAlarmArgs, "arn">(resourceTypes.metricAlarm, [
  "arn",
]);
export const Budget = leanResource<aws.budgets.BudgetArgs, "name">(resourceTypes.budget, ["name"]);
export const BudgetAction = leanResource<aws.budgets.BudgetActionArgs>(resourceTypes.budgetAction, []);
export const IamPolicy = leanResource<aws.iam.PolicyArgs, "arn">(resourceTypes.iamPolicy, ["arn"]);
export const IamRole = leanResource<aws.iam.RoleArgs, "arn">(resourceTypes.iamRole, ["arn"]);
export const IamRolePolicy = leanResource<aws.iam.RolePolicyArgs>(resourceTypes.iamRolePolicy, []);
export const IamRolePolicyAttachment = leanResource<aws.iam.RolePolicyAttachmentArgs>(
  resourceTypes.iamRolePolicyAttachment,
  [],
);
export const CostAllocationTag = leanResource<aws.costexplorer.CostAllocationTagArgs>(
  resourceTypes.costAllocationTag,
  [],
);
export const AnomalyMonitor = leanResource<aws.costexplorer.AnomalyMonitorArgs, "arn">(
  resourceTypes.anomalyMonitor,
  ["arn"],
);
export const AnomalySubscription = leanResource<aws.costexplorer.AnomalySubscriptionArgs>(
  resourceTypes.anomalySubscription,
  [],
);
/** An SCP; attachments read its `id` (`p-…`), which every custom resource has. */
export const OrganizationsPolicy = leanResource<aws.organizations.PolicyArgs>(
  resourceTypes.organizationsPolicy,
  [],
);
export const OrganizationsPolicyAttachment = leanResource<aws.organizations.PolicyAttachmentArgs>(
  resourceTypes.organizationsPolicyAttachment,
  [],
);
