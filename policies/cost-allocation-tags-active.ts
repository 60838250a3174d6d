import { defineStackPolicy } from "./lib/define-policy";
import { type ConfigOf, mandatoryTagsSetting } from "./lib/config";
import { isProfileType, types } from "./lib/resource-types";
import { enumerate, plural } from "./lib/text";
import { UNKNOWN, at, text } from "./lib/values";

const settings = {
  /** Tag keys that must be activated for cost allocation. Defaults to tenant, environment, dept, team, app, cost-center. */
  mandatoryTags: mandatoryTagsSetting,
};

export type CostAllocationTagsActiveArgs = ConfigOf<typeof settings>;

export const costAllocationTagsActive = defineStackPolicy({
  name: "cost-allocation-tags-active",
  description:
    "Checks that a stack with application inference profiles activates every mandatory tag key for cost allocation (a CostAllocationTag with status Active).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add aws.costexplorer.CostAllocationTag {tagKey: "<key>", status: "Active"} for each key, with a provider for the payer (management) account. Activation takes up to 24 hours and is not retroactive; if another stack activates the tags, disable this policy for this stack.',
  settings,
  validate(resources, _args, reportViolation, config) {
    if (!resources.some((resource) => isProfileType(resource.type))) return;
    const { mandatoryTags } = config;
    const active = new Set<string>();
    for (const tag of resources.filter((resource) => resource.type === types.costAllocationTag)) {
      const key = text(at(tag.props, "tagKey"));
      const status = text(at(tag.props, "status"));
      if (key === UNKNOWN) return; // which key it activates is not known yet: not guessed
      if (typeof key === "string" && (status === "Active" || status === UNKNOWN)) active.add(key);
    }
    const inactive = mandatoryTags.filter((key) => !active.has(key));
    if (inactive.length === 0) return;
    reportViolation(
      `This stack creates Bedrock inference profiles, but ${plural(inactive.length, "tag key")} ${enumerate(inactive, 10)} ${inactive.length === 1 ? "is" : "are"} not activated for cost allocation: ` +
        'add a CostAllocationTag with status "Active" for each (in the payer account), or the spend stays unattributed.',
    );
  },
});
