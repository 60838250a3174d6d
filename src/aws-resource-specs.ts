import type * as pulumi from "@pulumi/pulumi";
import { type ResourceApiMapping, apiMembers } from "./aws-api-members";
import { resourceTypes } from "./resource-types";

/**
 * What the project knows of one AWS resource type the program creates, in one entry: its type
 * token, what its stand-in registers besides its inputs (aws-resources.ts builds the class from
 * it), and which API request member each input becomes (`npm run gen:aws-rules` reads it to write
 * src/data/aws-rules.json; the check's preflight reads the generated rules).
 */
export interface AwsResourceSpec<TOutputs extends string = string> {
  type: string;
  /** Outputs the program reads (registered as unknown outputs, as the provider's class declares them). */
  outputs: readonly TOutputs[];
  /** Resource options the provider's class sets itself (additionalSecretOutputs). */
  defaults?: pulumi.CustomResourceOptions;
  /** Inputs the provider's class wraps in `pulumi.secret` when set (as it does: `args?.value ? secret(...)`). */
  secretInputs?: readonly string[];
  /** Left out where no API model's constraints are checked yet (the Organizations types). */
  api?: ResourceApiMapping;
}

const spec = <TOutputs extends string = never>(
  name: keyof typeof resourceTypes,
  outputs: readonly TOutputs[] = [],
  more: Pick<AwsResourceSpec, "defaults" | "secretInputs"> = {},
): AwsResourceSpec<TOutputs> => ({
  type: resourceTypes[name],
  outputs,
  ...more,
  api: (apiMembers as Partial<Record<string, ResourceApiMapping>>)[name],
});

export const awsResourceSpecs = {
  inferenceProfile: spec("inferenceProfile", ["arn"]),
  // As the provider's class declares: a parameter's value is secret, as input and in state.
  ssmParameter: spec("ssmParameter", [], {
    defaults: { additionalSecretOutputs: ["value", "valueWo"] },
    secretInputs: ["value", "valueWo"],
  }),
  snsTopic: spec("snsTopic", ["arn"]),
  snsTopicPolicy: spec("snsTopicPolicy"),
  snsTopicSubscription: spec("snsTopicSubscription"),
  metricAlarm: spec("metricAlarm", ["arn"]),
  budget: spec("budget", ["name"]),
  budgetAction: spec("budgetAction"),
  iamPolicy: spec("iamPolicy", ["arn"]),
  iamRole: spec("iamRole", ["arn"]),
  iamRolePolicy: spec("iamRolePolicy"),
  iamRolePolicyAttachment: spec("iamRolePolicyAttachment"),
  costAllocationTag: spec("costAllocationTag"),
  anomalyMonitor: spec("anomalyMonitor", ["arn"]),
  anomalySubscription: spec("anomalySubscription"),
  /** An SCP; attachments read its `id` (`p-…`), which every custom resource has. */
  organizationsPolicy: spec("organizationsPolicy"),
  organizationsPolicyAttachment: spec("organizationsPolicyAttachment"),
};

/** Each spec's API mapping by type token, as the rule generator and its tests read them. */
export const resourceApiMappings: Readonly<Record<string, ResourceApiMapping>> = Object.fromEntries(
  Object.values(awsResourceSpecs).flatMap((entry: AwsResourceSpec) =>
    entry.api ? [[entry.type, entry.api]] : [],
  ),
);
