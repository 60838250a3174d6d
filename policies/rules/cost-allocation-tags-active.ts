import { defineStackPolicy } from "../lib/define-policy";
import { mandatoryTagsSetting } from "../lib/config";
import { types } from "../lib/resource-types";
import { enumerate, plural } from "../lib/text";
import { UNKNOWN, at, text } from "../lib/values";

export const costAllocationTagsActive = defineStackPolicy({
  name: "cost-allocation-tags-active",
  description:
    "Checks that a stack that activates cost allocation tags (the org stack) activates every mandatory tag key (a CostAllocationTag with status Active). Stacks that activate none leave it to the org stack.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add aws.costexplorer.CostAllocationTag {tagKey: "<key>", status: "Active"} for each key, with a provider for the payer (management) account, in the one stack that owns them (the org stack). Activation takes up to 24 hours and is not retroactive.',
  settings: {
    /** Tag keys that must be activated for cost allocation. Defaults to tenant, environment, dept, team, app, cost-center. */
    mandatoryTags: mandatoryTagsSetting,
  },
  resourceTypes: [types.costAllocationTag],
  validate(resources, _args, reportViolation, config) {
    // Activation is the org stack's: a stack that activates no key (an environment stack) is not judged.
    if (!resources.some((resource) => resource.type === types.costAllocationTag)) return;
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
      `This stack activates cost allocation tags, but ${plural(inactive.length, "tag key")} ${enumerate(inactive, 10)} ${inactive.length === 1 ? "is" : "are"} not activated for cost allocation: ` +
        'add a CostAllocationTag with status "Active" for each (in the payer account), or the spend stays unattributed.',
    );
  },
});
