import { z } from "zod";
import rawCatalog from "./data/bedrock-models.json";

/**
 * The model catalog: list prices, the geos of the system-defined cross-Region
 * profiles that serve each model, and the prices of the guardrails themselves.
 * Copied from the team's shared data (`src/data/bedrock-models.json`, see its
 * `asOf`); a stack can override any model price (`priceOverrides`).
 */
export const crossRegionGeos = ["us", "eu", "apac", "global"] as const;
export type CrossRegionGeo = (typeof crossRegionGeos)[number];

/**
 * Which source Regions each geo's system-defined profiles are offered in (a `<geo>.<model>`
 * profile exists only there): the US, EU and APAC geos in their own commercial Regions, `global`
 * in every commercial Region, none in GovCloud or China.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 */
const geoSourceRegions: Readonly<Record<CrossRegionGeo, (region: string) => boolean>> = {
  us: (region) => region.startsWith("us-") && !region.startsWith("us-gov-"),
  eu: (region) => region.startsWith("eu-"),
  apac: (region) => region.startsWith("ap-"),
  global: (region) => !region.startsWith("us-gov-") && !region.startsWith("cn-"),
};

/** Whether a `<geo>.<model>` system profile can be used (and copied) from `region`. */
export function geoServesRegion(geo: string, region: string): boolean {
  return (
    (crossRegionGeos as readonly string[]).includes(geo) && geoSourceRegions[geo as CrossRegionGeo](region)
  );
}

/** Bedrock model ids: provider, dot, name (botocore's FoundationModelIdentifier is looser; this is what AWS publishes). */
const modelIdSchema = z.string().regex(/^[a-z0-9-]+\.[a-z0-9.:-]{1,100}$/, {
  error: "expected a Bedrock model id such as anthropic.claude-3-haiku-20240307-v1:0",
});

export const modelSchema = z.strictObject({
  id: modelIdSchema,
  inputPer1M: z.number().nonnegative(),
  outputPer1M: z.number().nonnegative(),
  /** Geos whose system-defined profiles serve the model. */
  crossRegion: z.array(z.enum(crossRegionGeos)),
  /** Bedrock serves it only through inference profiles: no on-demand single-Region call. */
  profileOnly: z.boolean().default(false),
  /** Where the price and geos were read. */
  source: z.string().min(1).optional(),
});

const catalogSchema = z.object({
  asOf: z.string(),
  sources: z.record(z.string(), z.string()).optional(),
  models: z.array(modelSchema).min(1),
  governancePrices: z.object({
    cloudwatchStandardAlarmPerMonth: z.number(),
    cloudwatchMetricMathAlarmPerMetricPerMonth: z.number(),
    budgetsFreeBudgetsPerAccount: z.number().int(),
    budgetPerDayAfterFree: z.number(),
    budgetActionEnabledPerDayAfterFree: z.number(),
  }),
});

export type CatalogModel = z.infer<typeof modelSchema>;
export type GovernancePrices = z.infer<typeof catalogSchema>["governancePrices"];

export interface ModelPrice {
  inputPer1M: number;
  outputPer1M: number;
}

const catalog = catalogSchema.parse(rawCatalog);

export const governancePrices: GovernancePrices = catalog.governancePrices;
export const knownModelIds: readonly string[] = catalog.models.map((model) => model.id);

/**
 * The models one stack may use: the catalog's, plus those its config adds (`models:` in
 * `Pulumi.<stack>.yaml`, so a new model never waits for a release of this repository). A value
 * handed to what needs it, never process state: two stacks validated in one process (the check's
 * tests, the org stack's environments) each see their own models only.
 */
export class ModelCatalog {
  private readonly modelsById: ReadonlyMap<string, CatalogModel>;

  constructor(stackModels: readonly CatalogModel[] = []) {
    this.modelsById = new Map([...catalog.models, ...stackModels].map((model) => [model.id, model]));
  }

  /** The catalog entry, or undefined: callers refuse unknown models rather than price them at zero. */
  find(modelId: string): CatalogModel | undefined {
    return this.modelsById.get(modelId);
  }

  /** What to say about a model the catalog lacks: the nearest known ids, and how to add one. */
  unknownModelMessage(modelId: string): string {
    const nearest = [...this.modelsById.keys()]
      .map((id) => ({ id, distance: commonPrefixLength(id, modelId) }))
      .sort((a, b) => b.distance - a.distance)
      .slice(0, 3)
      .map(({ id }) => id);
    return `"${modelId}" is not a model of the catalog (did you mean ${nearest.join(", ")}?); to use a model the catalog lacks, add it to the stack config under bedrock-cost-governance:models with id, inputPer1M, outputPer1M, crossRegion and profileOnly, or to src/data/bedrock-models.json with its source`;
  }

  /** List price unless the stack overrides it (enterprise discounts). */
  priceOf(modelId: string, overrides: Readonly<Record<string, ModelPrice>> = {}): ModelPrice {
    const override = overrides[modelId];
    if (override) return override;
    const model = this.modelsById.get(modelId);
    if (!model) throw new Error(`model "${modelId}" is not in the catalog`);
    return { inputPer1M: model.inputPer1M, outputPer1M: model.outputPer1M };
  }
}

/** The repository's catalog alone (src/data/bedrock-models.json), without any stack's models. */
export const baseCatalog = new ModelCatalog();

/** The models of a stack whose config adds `models` (the base catalog when it adds none). */
export function stackCatalog(models: readonly CatalogModel[]): ModelCatalog {
  return models.length === 0 ? baseCatalog : new ModelCatalog(models);
}

/** The base catalog's entry, or undefined (a stack's own models: `stackCatalog(models).find`). */
export function findModel(modelId: string): CatalogModel | undefined {
  return baseCatalog.find(modelId);
}

function commonPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** AWS service quotas and facts the plan is checked against (defaults; adjustable in Service Quotas). */
export const awsLimits = {
  applicationProfilesPerAccountRegion: 1000,
  customAnomalyMonitorsPerAccount: 500,
  budgetsPerAccount: 20000,
  /** CloudWatch accepts at most five actions per alarm state. */
  alarmActionsPerState: 5,
  maxUserTagsPerResource: 50,
} as const;
