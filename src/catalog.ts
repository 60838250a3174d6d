import { z } from "zod";
import rawCatalog from "./data/bedrock-models.json";

/**
 * The model catalog: list prices, the geos of the system-defined cross-Region
 * profiles that serve each model, and the prices of the guardrails themselves.
 * Copied from the team's shared data (`src/data/bedrock-models.json`, see its
 * `asOf`); a stack can override any model price (`priceOverrides`).
 */
export const crossRegionGeos = ["us", "eu", "apac"] as const;
export type CrossRegionGeo = (typeof crossRegionGeos)[number];

const modelSchema = z.object({
  id: z.string().min(1),
  inputPer1M: z.number().nonnegative(),
  outputPer1M: z.number().nonnegative(),
  crossRegion: z.array(z.enum(crossRegionGeos)),
});

const catalogSchema = z.object({
  asOf: z.string(),
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
const modelsById = new Map(catalog.models.map((model) => [model.id, model]));

export const governancePrices: GovernancePrices = catalog.governancePrices;
export const knownModelIds: readonly string[] = catalog.models.map((model) => model.id);

/** The catalog entry, or undefined: callers refuse unknown models rather than price them at zero. */
export function findModel(modelId: string): CatalogModel | undefined {
  return modelsById.get(modelId);
}

/** List price unless the stack overrides it (enterprise discounts). */
export function priceOf(modelId: string, overrides: Readonly<Record<string, ModelPrice>> = {}): ModelPrice {
  const override = overrides[modelId];
  if (override) return override;
  const model = modelsById.get(modelId);
  if (!model) throw new Error(`model "${modelId}" is not in the catalog`);
  return { inputPer1M: model.inputPer1M, outputPer1M: model.outputPer1M };
}

/** AWS service quotas and facts the plan is checked against (defaults; adjustable in Service Quotas). */
export const awsLimits = {
  applicationProfilesPerAccountRegion: 1000,
  customAnomalyMonitorsPerAccount: 500,
  budgetsPerAccount: 20000,
  /** AWS Budgets accepts at most this many email subscribers on one notification (plus one SNS topic). */
  budgetEmailSubscribersPerNotification: 10,
  /** CloudWatch accepts at most five actions per alarm state. */
  alarmActionsPerState: 5,
  maxUserTagsPerResource: 50,
} as const;
