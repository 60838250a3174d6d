import * as pulumi from "@pulumi/pulumi";
import type * as bedrock from "@pulumi/aws/bedrock";
import type * as budgets from "@pulumi/aws/budgets";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as costexplorer from "@pulumi/aws/costexplorer";
import type * as iam from "@pulumi/aws/iam";
import type * as organizations from "@pulumi/aws/organizations";
import type * as sns from "@pulumi/aws/sns";
import type * as ssm from "@pulumi/aws/ssm";
import { type AwsResourceSpec, awsResourceSpecs } from "./aws-resource-specs";

/**
 * The AWS resources the program creates, registered with exactly the inputs it sets and the
 * outputs it reads: each class made from its type's spec (aws-resource-specs.ts).
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
  spec: AwsResourceSpec<TOutputs>,
): LeanResource<TArgs, TOutputs> {
  const { type, outputs, defaults = {}, secretInputs = [] } = spec;
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

const specs = awsResourceSpecs;
export const InferenceProfile = leanResource<bedrock.InferenceProfileArgs, "arn">(specs.inferenceProfile);
export const SsmParameter = leanResource<ssm.ParameterArgs>(specs.ssmParameter);
export const Topic = leanResource<sns.TopicArgs, "arn">(specs.snsTopic);
export const TopicPolicy = leanResource<sns.TopicPolicyArgs>(specs.snsTopicPolicy);
export const TopicSubscription = leanResource<sns.TopicSubscriptionArgs>(specs.snsTopicSubscription);
export const MetricAlarm = leanResource<cloudwatch.MetricAlarmArgs, "arn">(specs.metricAlarm);
export const Budget = leanResource<budgets.BudgetArgs, "name">(specs.budget);
export const BudgetAction = leanResource<budgets.BudgetActionArgs>(specs.budgetAction);
export const IamPolicy = leanResource<iam.PolicyArgs, "arn">(specs.iamPolicy);
export const IamRole = leanResource<iam.RoleArgs, "arn">(specs.iamRole);
export const IamRolePolicy = leanResource<iam.RolePolicyArgs>(specs.iamRolePolicy);
export const IamRolePolicyAttachment = leanResource<iam.RolePolicyAttachmentArgs>(
  specs.iamRolePolicyAttachment,
);
export const CostAllocationTag = leanResource<costexplorer.CostAllocationTagArgs>(specs.costAllocationTag);
export const AnomalyMonitor = leanResource<costexplorer.AnomalyMonitorArgs, "arn">(specs.anomalyMonitor);
export const AnomalySubscription = leanResource<costexplorer.AnomalySubscriptionArgs>(
  specs.anomalySubscription,
);
/** An SCP; attachments read its `id` (`p-…`), which every custom resource has. */
export const OrganizationsPolicy = leanResource<organizations.PolicyArgs>(specs.organizationsPolicy);
export const OrganizationsPolicyAttachment = leanResource<organizations.PolicyAttachmentArgs>(
  specs.organizationsPolicyAttachment,
);
