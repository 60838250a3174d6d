import { defineResourcePolicy } from "../lib/define-policy";
import { mandatoryTagsSetting } from "../lib/config";
import { spendingSurface } from "../lib/spending-surface";
import { checkTags, effectiveTags } from "../lib/tags";
import { enumerate, plural } from "../lib/text";

/**
 * Types that bill by themselves and take tags, from the generated spending surface: provisioned
 * throughput (by the hour, called or not), custom models (a customization job, then storage),
 * evaluation jobs (the judge's tokens bill to the job).
 */
const billedTaggedTypes = Object.entries(spendingSurface.billedTypes)
  .filter(([, billed]) => billed.tagged)
  .map(([token]) => token);

const what = (type: string): string =>
  type
    .slice(type.lastIndexOf(":") + 1)
    .replace(/(?<=[a-z])(?=[A-Z])/g, " ")
    .toLowerCase();

export const bedrockProvisionedThroughputCostTags = defineResourcePolicy({
  name: "bedrock-provisioned-throughput-cost-tags",
  description:
    "Checks that Bedrock resources that bill by themselves (provisioned throughput, custom models, evaluation jobs: the spending surface's billed types) carry the mandatory cost-allocation tags.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Add each mandatory tag to the resource's tags (or the provider's defaultTags) with a non-blank value, so its charge is attributed.",
  settings: {
    /** Tag keys such resources must carry with a non-blank value (exact case). Defaults to the mandatory cost tags. */
    mandatoryTags: mandatoryTagsSetting,
  },
  resourceTypes: billedTaggedTypes,
  validate(props, args, reportViolation, config) {
    const required = config.mandatoryTags;
    const findings = checkTags(effectiveTags(props, args.provider), required);
    const lacking = [...findings.missing, ...findings.blank, ...findings.miscased.keys()];
    if (lacking.length === 0) return;
    const kind = what(args.type);
    reportViolation(
      `${kind.charAt(0).toUpperCase()}${kind.slice(1)} "${args.name}" lacks ${plural(lacking.length, "cost tag")} ${enumerate(lacking)} (keys spelled exactly, non-blank): it bills by itself, and untagged that spend is attributed to no one.`,
    );
  },
});
