import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configOf, mandatoryTagsSetting, stringList } from "./lib/config";
import { validateResourceOfTypes } from "./lib/policy";
import { types } from "./lib/resource-types";
import { checkTags, effectiveTags } from "./lib/tags";
import { enumerate, plural } from "./lib/text";

export interface BedrockProvisionedThroughputCostTagsArgs {
  /** Tag keys provisioned throughput must carry with a non-blank value (exact case). Defaults to the mandatory cost tags. */
  mandatoryTags: string[];
}

const configSchema: PolicyConfigSchema = { properties: { mandatoryTags: mandatoryTagsSetting } };

export const bedrockProvisionedThroughputCostTags: ResourceValidationPolicy = {
  name: "bedrock-provisioned-throughput-cost-tags",
  description:
    "Checks that Bedrock provisioned throughput, which bills by the hour whether it is called or not, carries the mandatory cost-allocation tags.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Add each mandatory tag to the provisioned throughput's tags (or the provider's defaultTags) with a non-blank value, so its hourly charge is attributed.",
  configSchema,
  validateResource: validateResourceOfTypes(
    "bedrock-provisioned-throughput-cost-tags",
    [types.provisionedThroughput],
    (props, args, reportViolation) => {
      const required = stringList(
        configOf<BedrockProvisionedThroughputCostTagsArgs>(args, configSchema).mandatoryTags,
      );
      const findings = checkTags(effectiveTags(props, args.provider), required);
      const lacking = [...findings.missing, ...findings.blank, ...findings.miscased.keys()];
      if (lacking.length === 0) return;
      reportViolation(
        `Provisioned throughput "${args.name}" lacks ${plural(lacking.length, "cost tag")} ${enumerate(lacking)} (keys spelled exactly, non-blank): it bills by the hour, and untagged that spend is attributed to no one.`,
      );
    },
  ),
};
