/**
 * A budget as the pack's rules read it, whatever its shape (lib/budgets.ts reads both): its type,
 * limits, the spend its filters admit, its notifications, and why it may not see Bedrock at all.
 */
import { type Maybe, type Unknown, UNKNOWN } from "./values";

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

/** A notification that reaches someone: at least one subscriber, or subscribers not known yet. */
export function isSubscribed(notification: BudgetNotification): boolean {
  return notification.subscribers === UNKNOWN || notification.subscribers > 0;
}
