import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { configOf, mandatoryTagsSetting, stringList } from "./lib/config";
import { validateStackWith } from "./lib/policy";
import { isProfileType, types } from "./lib/resource-types";
import { enumerate, plural } from "./lib/text";
import { UNKNOWN, at, text } from "./lib/values";

export interface CostAllocationTagsActiveArgs {
  /** Tag keys that must be activated for cost allocation. Defaults to tenant, environment, dept, team, app, cost-center. */
  mandatoryTags: string[];
}

const configSchema: PolicyConfigSchema = {
  properties: {
    mandatoryTags: mandatoryTagsSetting,
  },
};

export const costAllocationTagsActive: StackValidationPolicy = {
  name: "cost-allocation-tags-active",
  description:
    "Checks that a stack with application inference profiles activates every mandatory tag key for cost allocation (a CostAllocationTag with status Active).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add aws.costexplorer.CostAllocationTag {tagKey: "<key>", status: "Active"} for each key, with a provider for the payer (management) account. Activation takes up to 24 hours and is not retroactive; if another stack activates the tags, disable this policy for this stack.',
  configSchema,
  validateStack: validateStackWith("cost-allocation-tags-active", (resources, args, reportViolation) => {
    if (!resources.some((resource) => isProfileType(resource.type))) return;
    const mandatoryTags = stringList(
      configOf<CostAllocationTagsActiveArgs>(args, configSchema).mandatoryTags,
    );
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
  }),
};
