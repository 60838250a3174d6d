import { governancePrices } from "../../../src/catalog";
import type { AccountRef } from "./read-resource";

const daysPerMonth = 365 / 12;

/**
 * What the budgets of one AWS account cost. AWS's free tier is the account's, not a tenant's: the
 * first budgets (and action-enabled budgets) of an account are free whoever created them. Crediting
 * them to the tenants that sort first made a tenant's figure depend on its name; instead the
 * account's cost is split evenly over its budgets, so each tenant's share is the same whatever the
 * order, and the plan says so.
 */
export interface AccountBudgetCost {
  label: string;
  accountId: string;
  budgets: number;
  freeBudgets: number;
  /** Budgets with a budget action (a deny budget). */
  actionEnabledBudgets: number;
  freeActionEnabledBudgets: number;
  /** The account's budgets beyond the free ones, a month. */
  usdPerMonth: number;
  /** Each budget's even share of the budgets' cost, a month. */
  usdPerBudget: number;
  /** Each action-enabled budget's even share of the actions' cost, on top of `usdPerBudget`. */
  usdPerActionEnabledBudget: number;
}

/** Budgets counted per account: `budgetNames` of every budget, `actionEnabled` those a budget action names. */
export function accountBudgetCost(
  where: AccountRef,
  budgets: number,
  actionEnabledBudgets: number,
): AccountBudgetCost {
  const free = governancePrices.budgetsFreeBudgetsPerAccount;
  const budgetsUsd = Math.max(0, budgets - free) * governancePrices.budgetPerDayAfterFree * daysPerMonth;
  const actionsUsd =
    Math.max(0, actionEnabledBudgets - free) *
    governancePrices.budgetActionEnabledPerDayAfterFree *
    daysPerMonth;
  return {
    label: where.label,
    accountId: where.accountId,
    budgets,
    freeBudgets: Math.min(budgets, free),
    actionEnabledBudgets,
    freeActionEnabledBudgets: Math.min(actionEnabledBudgets, free),
    usdPerMonth: budgetsUsd + actionsUsd,
    usdPerBudget: budgets > 0 ? budgetsUsd / budgets : 0,
    usdPerActionEnabledBudget: actionEnabledBudgets > 0 ? actionsUsd / actionEnabledBudgets : 0,
  };
}

/** A tenant's share of its account's budget cost: one budget's share, plus one action's if it denies. */
export function budgetShare(cost: AccountBudgetCost | undefined, onExceed: "notify" | "deny"): number {
  if (!cost) return 0;
  return cost.usdPerBudget + (onExceed === "deny" ? cost.usdPerActionEnabledBudget : 0);
}
