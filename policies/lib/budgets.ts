/**
 * AWS Budgets in their two shapes, read into one. Classic (`aws:budgets/budget:Budget`):
 * `budgetType`, `limitAmount` (a decimal string) and `limitUnit`, or `plannedLimits`;
 * `costFilters: [{name, values}]` or `filterExpression.tags`; `notifications` with subscriber lists.
 * Native (`aws-native:budgets:Budget`): `budget.{budgetType, budgetLimit, plannedBudgetLimits,
 * costFilters (JSON object)}` and `notificationsWithSubscribers: [{notification, subscribers}]`.
 */
import { types } from "./resource-types";
import {
  type JsonRecord,
  type Maybe,
  type Unknown,
  UNKNOWN,
  at,
  decodeJson,
  isRecord,
  isUnknown,
  list,
  numeric,
  strings,
  text,
} from "./values";

export interface BudgetLimit {
  amount: Maybe<number>;
  unit: Maybe<string>;
}

export interface BudgetNotification {
  notificationType: Maybe<string>;
  comparisonOperator: Maybe<string>;
  thresholdType: Maybe<string>;
  threshold: Maybe<number>;
  /** Number of subscribers known; `UNKNOWN` when the lists are not known yet. */
  subscribers: number | Unknown;
}

export interface BudgetView {
  budgetType: Maybe<string>;
  limits: BudgetLimit[] | Unknown;
  /** `TagKeyValue` filter values (`user:<key>$<value>`); `unknown` when some are not known yet. */
  tagKeyValues: { known: Set<string>; unknown: boolean };
  notifications: BudgetNotification[] | Unknown;
  /**
   * Why the budget cannot see Bedrock spend whatever its tag filter says, or undefined: a Service
   * filter (or a `dimensions: SERVICE` expression, at the top or inside `ands`) without Amazon
   * Bedrock, a `not` that removes Bedrock, or a time period that has ended.
   */
  blind?: string;
}

export function readBudget(type: string, props: JsonRecord): BudgetView {
  return type === types.nativeBudget ? readNativeBudget(props) : readClassicBudget(props);
}

function readClassicBudget(props: JsonRecord): BudgetView {
  const limitAmount = at(props, "limitAmount");
  const plannedLimits = list(at(props, "plannedLimits"));
  let limits: BudgetLimit[] | Unknown = [];
  if (limitAmount !== undefined)
    limits = [{ amount: numeric(limitAmount), unit: text(at(props, "limitUnit")) }];
  else if (plannedLimits === UNKNOWN) limits = UNKNOWN;
  else if (plannedLimits)
    limits = plannedLimits.map((limit) => ({
      amount: numeric(at(limit, "amount")),
      unit: text(at(limit, "unit")),
    }));

  const tagKeyValues = { known: new Set<string>(), unknown: false };
  const costFilters = list(at(props, "costFilters"));
  if (costFilters === UNKNOWN) tagKeyValues.unknown = true;
  for (const filter of costFilters === UNKNOWN ? [] : (costFilters ?? [])) {
    const name = text(at(filter, "name"));
    if (name === UNKNOWN) tagKeyValues.unknown = true;
    else if (name === "TagKeyValue") addValues(tagKeyValues, at(filter, "values"));
  }
  addFilterExpressionTags(tagKeyValues, at(props, "filterExpression"));

  const notifications = list(at(props, "notifications"));
  const serviceFilter = (costFilters === UNKNOWN ? [] : (costFilters ?? [])).find(
    (filter) => text(at(filter, "name")) === "Service",
  );
  return {
    blind:
      (serviceFilter === undefined ? undefined : servicesWithoutBedrock(at(serviceFilter, "values"))) ||
      expressionWithoutBedrock(at(props, "filterExpression")) ||
      periodEnded(at(props, "timePeriodEnd")),
    budgetType: text(at(props, "budgetType")),
    limits,
    tagKeyValues,
    notifications:
      notifications === UNKNOWN
        ? UNKNOWN
        : (notifications ?? []).map((notification) => ({
            notificationType: text(at(notification, "notificationType")),
            comparisonOperator: text(at(notification, "comparisonOperator")),
            thresholdType: text(at(notification, "thresholdType")),
            threshold: numeric(at(notification, "threshold")),
            subscribers: countSubscribers([
              at(notification, "subscriberEmailAddresses"),
              at(notification, "subscriberSnsTopicArns"),
            ]),
          })),
  };
}

function readNativeBudget(props: JsonRecord): BudgetView {
  const budget = at(props, "budget");
  const limit = at(budget, "budgetLimit");
  let limits: BudgetLimit[] | Unknown = [];
  if (isUnknown(budget) || isUnknown(limit)) limits = UNKNOWN;
  else if (limit !== undefined)
    limits = [{ amount: numeric(at(limit, "amount")), unit: text(at(limit, "unit")) }];
  else {
    // plannedBudgetLimits: JSON object of { "<epoch seconds>": { amount, unit } }
    const planned = decodeJson(at(budget, "plannedBudgetLimits"));
    if (planned === UNKNOWN) limits = UNKNOWN;
    else if ("value" in planned && isRecord(planned.value)) {
      const entries = planned.value;
      limits = Object.keys(entries).map((key) => ({
        amount: numeric(at(entries[key], "amount")),
        unit: text(at(entries[key], "unit")),
      }));
    }
  }

  const tagKeyValues = { known: new Set<string>(), unknown: isUnknown(budget) };
  const costFilters = decodeJson(at(budget, "costFilters"));
  if (costFilters === UNKNOWN) tagKeyValues.unknown = true;
  else if ("value" in costFilters) addValues(tagKeyValues, at(costFilters.value, "TagKeyValue"));
  addFilterExpressionTags(tagKeyValues, at(budget, "filterExpression"));

  const withSubscribers = list(at(props, "notificationsWithSubscribers"));
  return {
    blind:
      (costFilters !== UNKNOWN && "value" in costFilters
        ? servicesWithoutBedrock(at(costFilters.value, "Service"))
        : undefined) ||
      expressionWithoutBedrock(at(budget, "filterExpression")) ||
      periodEnded(at(budget, "timePeriod", "end")),
    budgetType: text(at(budget, "budgetType")),
    limits,
    tagKeyValues,
    notifications:
      withSubscribers === UNKNOWN
        ? UNKNOWN
        : (withSubscribers ?? []).map((entry) => {
            const notification = at(entry, "notification");
            const subscribers = list(at(entry, "subscribers"));
            return {
              notificationType: text(at(notification, "notificationType")),
              comparisonOperator: text(at(notification, "comparisonOperator")),
              thresholdType: text(at(notification, "thresholdType")),
              threshold: numeric(at(notification, "threshold")),
              subscribers: subscribers === UNKNOWN ? UNKNOWN : (subscribers ?? []).length,
            };
          }),
  };
}

function addValues(target: { known: Set<string>; unknown: boolean }, value: unknown): void {
  const values = strings(value);
  if (values === UNKNOWN) target.unknown = true;
  for (const entry of values === UNKNOWN ? [] : (values ?? [])) {
    if (entry === UNKNOWN) target.unknown = true;
    else target.known.add(entry);
  }
}

/**
 * The newer filter expression: `{tags: {key, values}}` at the top, inside `ands` (which only
 * narrows) or inside an `ors` there (each operand's spend is counted, so each operand's tag is
 * seen). No AWS source settles whether the key is `tenant` or `user:tenant`, so the program writes
 * an `ors` of both (src/components/tenant/budget.ts); either spelling is recorded as
 * `user:<key>$<value>` to compare with `TagKeyValue` filters.
 */
function addFilterExpressionTags(
  target: { known: Set<string>; unknown: boolean },
  expression: unknown,
): void {
  if (expression === undefined) return;
  if (isUnknown(expression)) {
    target.unknown = true;
    return;
  }
  const ands = list(at(expression, "ands"));
  const narrowed = [expression, ...(ands === UNKNOWN || ands === undefined ? [] : ands)];
  const candidates = narrowed.flatMap((operand) => {
    const ors = list(at(operand, "ors"));
    if (ors === UNKNOWN) target.unknown = true;
    return [operand, ...(ors === UNKNOWN || ors === undefined ? [] : ors)];
  });
  for (const candidate of candidates) {
    const key = text(at(candidate, "tags", "key"));
    const values = strings(at(candidate, "tags", "values"));
    if (key === UNKNOWN || values === UNKNOWN) {
      target.unknown = true;
      continue;
    }
    if (typeof key !== "string" || values === undefined) continue;
    const tagKey = key.startsWith("user:") ? key : `user:${key}`;
    for (const value of values) {
      if (value === UNKNOWN) target.unknown = true;
      else target.known.add(`${tagKey}$${value}`);
    }
  }
}

/** Billing names Bedrock "Amazon Bedrock"; third-party models bill as "<model> (Amazon Bedrock Edition)". */
const isBedrockService = (value: string): boolean => /bedrock/i.test(value);

/** A Service filter's values without Bedrock: the reason, or undefined when Bedrock is among them (or not known). */
function servicesWithoutBedrock(values: unknown): string | undefined {
  const names = strings(values);
  if (names === UNKNOWN || names === undefined || names.some((name) => name === UNKNOWN)) return undefined;
  return names.some((name) => isBedrockService(name as string))
    ? undefined
    : `it counts only the services ${names.join(", ")}, not Amazon Bedrock`;
}

/** A filter expression that leaves Bedrock out, at the top or inside `ands` (which only narrow). */
function expressionWithoutBedrock(expression: unknown): string | undefined {
  if (expression === undefined || isUnknown(expression)) return undefined;
  const ands = list(at(expression, "ands"));
  for (const candidate of [expression, ...(ands === UNKNOWN || ands === undefined ? [] : ands)]) {
    if (text(at(candidate, "dimensions", "key")) === "SERVICE") {
      const reason = servicesWithoutBedrock(at(candidate, "dimensions", "values"));
      if (reason) return reason;
    }
    if (text(at(candidate, "not", "dimensions", "key")) === "SERVICE") {
      const names = strings(at(candidate, "not", "dimensions", "values"));
      if (Array.isArray(names) && names.some((name) => name !== UNKNOWN && isBedrockService(name as string)))
        return "its filter excludes Amazon Bedrock";
    }
  }
  return undefined;
}

/** `timePeriodEnd` (`2087-06-15_00:00`) or an ISO date in the past: the budget no longer tracks anything. */
function periodEnded(end: unknown, now = Date.now()): string | undefined {
  const value = text(end);
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value.replace("_", "T").replace(/T(\d\d:\d\d)$/, "T$1:00Z"));
  return Number.isFinite(time) && time < now ? `its time period ended on ${value}` : undefined;
}

function countSubscribers(lists: unknown[]): number | Unknown {
  let count = 0;
  let unknown = false;
  for (const value of lists) {
    const entries = strings(value);
    if (entries === UNKNOWN) unknown = true;
    else count += (entries ?? []).length;
  }
  return count === 0 && unknown ? UNKNOWN : count;
}

/** A notification that reaches someone: at least one subscriber, or subscribers not known yet. */
export function isSubscribed(notification: BudgetNotification): boolean {
  return notification.subscribers === UNKNOWN || notification.subscribers > 0;
}
