import { defineResourcePolicy } from "../lib/define-policy";
import { modelProvidersSetting } from "../lib/config";
import { findModelReferences, namesDirectly } from "../lib/model-references";
import { modelNamingTypes } from "../lib/resource-types";

export const bedrockResourcesUseProfiles = defineResourcePolicy({
  name: "bedrock-resources-use-profiles",
  description:
    "Checks that Bedrock agents, prompts, flows and Step Functions tasks that call Bedrock name an application inference profile, not a foundation model or a system-defined profile.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Put the application inference profile ARN where the resource names its model (agent foundationModel, prompt variant modelId, flow node modelId, Step Functions bedrock:invokeModel ModelId): each call is then attributed to the profile's tenant.",
  settings: {
    /** Model provider prefixes that make a dotted value a bare model id. Defaults to the Bedrock providers. */
    modelProviders: modelProvidersSetting,
  },
  resourceTypes: modelNamingTypes,
  validate(props, args, reportViolation, config) {
    for (const reference of findModelReferences(args.type, props, config.modelProviders)) {
      reportViolation(
        `The ${reference.where} of "${args.name}" ${namesDirectly(reference)}, so its Bedrock calls escape attribution: name an application inference profile ARN instead.`,
      );
    }
  },
});
