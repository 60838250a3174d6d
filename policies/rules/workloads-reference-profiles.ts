import { defineResourcePolicy } from "../lib/define-policy";
import { modelProvidersSetting } from "../lib/config";
import { maxSettingJson, namesDirectly, settingModelReference } from "../lib/model-references";
import { workloadTypes } from "../lib/resource-types";
import { findSettings } from "../lib/workloads";

export const workloadsReferenceProfiles = defineResourcePolicy({
  name: "workloads-reference-profiles",
  description:
    "Checks that Lambda environment variables, ECS container environments and SSM String parameters name an application inference profile, not a raw foundation-model or system-profile id.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Put the application inference profile ARN (or the name of the SSM parameter holding it) in the setting, so every call is attributed to the profile's tenant; a model id lets the workload call the model around its profile.",
  settings: {
    /** Model provider prefixes that make a dotted value a bare model id (`anthropic.claude-...`). Defaults to the Bedrock providers. */
    modelProviders: modelProvidersSetting,
  },
  resourceTypes: workloadTypes,
  validate(props, args, reportViolation, config) {
    const providers = config.modelProviders;
    const jsonBudget = { characters: maxSettingJson };
    const found = findSettings(
      args.type,
      props,
      (value) => settingModelReference(value, providers, jsonBudget) !== undefined,
    );
    for (const setting of found.matches) {
      // Found by the same call above (with a fresh budget); the fallback only satisfies the type.
      const reference = settingModelReference(setting.value, providers) ?? {
        kind: "foundation-model",
        value: setting.value.trim(),
      };
      reportViolation(
        `The ${setting.where} of "${args.name}" ${namesDirectly(reference)}: set it to the application inference profile ARN, or its SSM parameter name, so the spend is attributed.`,
      );
    }
    if (found.more > 0) {
      reportViolation(
        `${found.more} more settings of "${args.name}" name a model directly: set each to an application inference profile ARN.`,
      );
    }
  },
});
