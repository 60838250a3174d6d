import { defineResourcePolicy } from "./lib/define-policy";
import { mandatoryTagsSetting } from "./lib/config";
import { types } from "./lib/resource-types";
import { checkTags, effectiveTags } from "./lib/tags";
import { enumerate, plural } from "./lib/text";

export const bedrockProvisionedThroughputCostTags = defineResourcePolicy({
  name: "bedrock-provisioned-throughput-cost-tags",
  description:
    "Checks that Bedrock provisioned throughput, which bills by the hour whether it is called or not, carries the mandatory cost-allocation tags.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Add each mandatory tag to the provisioned throughput's tags (or the provider's defaultTags) with a non-blank value, so its hourly charge is attributed.",
  settings: {
    /** Tag keys provisioned throughput must carry with a non-blank value (exact case). Defaults to the mandatory cost tags. */
    mandatoryTags: mandatoryTagsSetting,
  },
  resourceTypes: [types.provisionedThroughput],
  validate(props, args, reportViolation, config) {
    const required = config.mandatoryTags;
    const findings = checkTags(effectiveTags(props, args.provider), required);
    const lacking = [...findings.missing, ...findings.blank, ...findings.miscased.keys()];
    if (lacking.length === 0) return;
    reportViolation(
      `Provisioned throughput "${args.name}" lacks ${plural(lacking.length, "cost tag")} ${enumerate(lacking)} (keys spelled exactly, non-blank): it bills by the hour, and untagged that spend is attributed to no one.`,
    );
  },
});
