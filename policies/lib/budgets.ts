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
  /**
   * `TagKeyValue` filter values (`user:<key>$<value>`); `unknown` when some are not known yet;
   * `folded`: the lower-cased values of tag filters with `matchOptions` CASE_INSENSITIVE (AWS
   * matches them in any case: Budgets API `TagValues.MatchOptions`).
   */
  tagKeyValues: TagKeyValues;
  /**
   * Tag conditions ANDed into the filter expression (`ands: [{tags: tenant}, {tags: environment}]`),
   * by key without `user:`: spend is seen only where the tag has one of the values.
   */
  andedTags: Array<{ key: string; values: string[]; caseInsensitive: boolean }>;
  /**
   * Account and Region conditions it ANDs (`LINKED_ACCOUNT`, `REGION` dimensions of the filter
   * expression; `LinkedAccount`, `Region` cost filters): spend elsewhere is not seen.
   */
  placement: { accounts?: string[]; regions?: string[] };
  notifications: BudgetNotification[] | Unknown;
  /**
   * Why the budget cannot see Bedrock spend whatever its tag filter says, or undefined: a Service
   * filter (or a `dimensions: SERVICE` expression, at the top or inside `ands`) without Amazon
   * Bedrock, a `not` that removes Bedrock, or a time period that has ended.
   */
  blind?: string;
}

export interface TagKeyValues {
  known: Set<string>;
  folded: Set<string>;
  unknown: boolean;
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

  const tagKeyValues: TagKeyValues = { known: new Set<string>(), folded: new Set<string>(), unknown: false };
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
      periodEnded(at(props, "timePeriodEnd")) ||
      periodNotStarted(at(props, "timePeriodStart")),
    andedTags: andedTags(at(props, "filterExpression")),
    placement: placementOf(at(props, "filterExpression"), (name) =>
      at(
        (costFilters === UNKNOWN ? [] : (costFilters ?? [])).find(
          (filter) => text(at(filter, "name")) === name,
        ),
        "values",
      ),
    ),
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

  const tagKeyValues: TagKeyValues = {
    known: new Set<string>(),
    folded: new Set<string>(),
    unknown: isUnknown(budget),
  };
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
      periodEnded(at(budget, "timePeriod", "end")) ||
      periodNotStarted(at(budget, "timePeriod", "start")),
    andedTags: andedTags(at(budget, "filterExpression")),
    placement: placementOf(at(budget, "filterExpression"), (name) =>
      costFilters !== UNKNOWN && "value" in costFilters ? at(costFilters.value, name) : undefined,
    ),
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

function addValues(target: TagKeyValues, value: unknown): void {
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
function addFilterExpressionTags(target: TagKeyValues, expression: unknown): void {
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
    const folded = caseInsensitive(candidate);
    for (const value of values) {
      if (value === UNKNOWN) target.unknown = true;
      else target.known.add(`${tagKey}$${value}`);
      if (folded && value !== UNKNOWN) target.folded.add(`${tagKey}$${value}`.toLowerCase());
    }
  }
}

const caseInsensitive = (candidate: unknown): boolean => {
  const options = strings(at(candidate, "tags", "matchOptions"));
  return Array.isArray(options) && options.includes("CASE_INSENSITIVE");
};

/**
 * The known tag conditions an expression ANDs: itself or each of its `ands`, where an operand is a
 * `tags` condition, or an `ors` whose every operand is a `tags` condition on one key in either
 * spelling (`environment`, `user:environment`: what the program writes), read as one condition on
 * the union of their values. Any other `ors` or a `not` is not read as narrowing.
 */
function andedTags(expression: unknown): BudgetView["andedTags"] {
  if (expression === undefined || isUnknown(expression)) return [];
  const ands = list(at(expression, "ands"));
  const found: BudgetView["andedTags"] = [];
  for (const operand of [expression, ...(ands === UNKNOWN || ands === undefined ? [] : ands)]) {
    const ors = list(at(operand, "ors"));
    const conditions = (Array.isArray(ors) ? ors : [operand]).map(tagCondition);
    if (conditions.length === 0 || conditions.some((condition) => condition === undefined)) continue;
    const [first] = conditions as Array<BudgetView["andedTags"][number]>;
    if (!conditions.every((condition) => condition!.key === first.key)) continue;
    found.push({
      key: first.key,
      values: conditions.flatMap((condition) => condition!.values),
      caseInsensitive: conditions.every((condition) => condition!.caseInsensitive),
    });
  }
  return found;
}

/** The account and Region conditions of a filter expression (top or `ands`) and of the cost filters. */
function placementOf(expression: unknown, costFilter: (name: string) => unknown): BudgetView["placement"] {
  const placement: BudgetView["placement"] = {};
  const known = (values: unknown): string[] | undefined => {
    const names = strings(values);
    return Array.isArray(names) && names.every((name) => typeof name === "string")
      ? (names as string[])
      : undefined;
  };
  const narrow = (field: "accounts" | "regions", values: string[] | undefined) => {
    if (values === undefined) return;
    placement[field] = placement[field] ? placement[field].filter((value) => values.includes(value)) : values;
  };
  narrow("accounts", known(costFilter("LinkedAccount")));
  narrow("regions", known(costFilter("Region")));
  if (expression !== undefined && !isUnknown(expression)) {
    const ands = list(at(expression, "ands"));
    for (const operand of [expression, ...(ands === UNKNOWN || ands === undefined ? [] : ands)]) {
      const key = text(at(operand, "dimensions", "key"));
      if (key === "LINKED_ACCOUNT") narrow("accounts", known(at(operand, "dimensions", "values")));
      if (key === "REGION") narrow("regions", known(at(operand, "dimensions", "values")));
    }
  }
  return placement;
}

/** A known `{tags: {key, values}}` condition, its key without `user:`; undefined otherwise. */
function tagCondition(candidate: unknown): BudgetView["andedTags"][number] | undefined {
  const key = text(at(candidate, "tags", "key"));
  const values = strings(at(candidate, "tags", "values"));
  if (typeof key !== "string" || !Array.isArray(values) || values.some((value) => value === UNKNOWN))
    return undefined;
  return {
    key: key.replace(/^user:/, ""),
    values: values as string[],
    caseInsensitive: caseInsensitive(candidate),
  };
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

/** A time period that starts after today: the budget sees nothing yet. */
function periodNotStarted(start: unknown, now = Date.now()): string | undefined {
  const value = text(start);
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value.replace("_", "T").replace(/T(\d\d:\d\d)$/, "T$1:00Z"));
  return Number.isFinite(time) && time > now ? `its time period starts on ${value}` : undefined;
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
