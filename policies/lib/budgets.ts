/**
 * AWS Budgets in their two shapes, read into one. Classic (`aws:budgets/budget:Budget`):
 * `budgetType`, `limitAmount` (a decimal string) and `limitUnit`, or `plannedLimits`;
 * `costFilters: [{name, values}]` or `filterExpression.tags`; `notifications` with subscriber lists.
 * Native (`aws-native:budgets:Budget`): `budget.{budgetType, budgetLimit, plannedBudgetLimits,
 * costFilters (JSON object)}` and `notificationsWithSubscribers: [{notification, subscribers}]`.
 */
import type { BudgetLimit, BudgetView, TagKeyValues } from "./budget-view";
import { addFilterExpressionTags, addValues, andedTags, placementOf } from "./budget-filters";
import {
  expressionWithoutBedrock,
  periodEnded,
  periodNotStarted,
  servicesWithoutBedrock,
} from "./budget-blindness";
import { types } from "./resource-types";
import {
  type JsonRecord,
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
