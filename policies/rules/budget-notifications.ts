import { defineResourcePolicy } from "../lib/define-policy";
import { setting } from "../lib/config";
import { type BudgetView, isSubscribed } from "../lib/budget-view";
import { readBudget } from "../lib/budgets";
import { budgetTypes } from "../lib/resource-types";
import { enumerate } from "../lib/text";
import { UNKNOWN } from "../lib/values";

export const budgetNotifications = defineResourcePolicy({
  name: "budget-notifications",
  description:
    "Checks that every AWS COST budget has a positive limit in USD and at least one ACTUAL-spend notification at or below 100% of it with an email or SNS subscriber.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Give the budget limitAmount > 0 with limitUnit "USD", and a notification {notificationType: "ACTUAL", comparisonOperator: "GREATER_THAN", thresholdType: "PERCENTAGE", threshold: 80} with subscriberEmailAddresses or subscriberSnsTopicArns.',
  settings: {
    /** The currency a COST budget's limit must be in. Defaults to USD. */
    currency: setting.string("USD"),
    /** The highest percentage of the limit at which an ACTUAL notification still counts as an early warning. Defaults to 100. */
    maxThresholdPercent: setting.number(100, { exclusiveMinimum: 0 }),
  },
  resourceTypes: budgetTypes,
  validate(props, args, reportViolation, config) {
    const budget = readBudget(args.type, props);
    if (budget.budgetType !== "COST") {
      if (budget.budgetType !== UNKNOWN) args.notApplicable("only COST budgets are checked");
      return;
    }
    const problems = [
      limitProblem(budget, config.currency),
      notificationProblem(budget, config.maxThresholdPercent),
    ].filter((problem): problem is string => problem !== undefined);
    if (problems.length > 0) {
      reportViolation(
        `COST budget "${args.name}" ${enumerate(problems)}: fix it so overspend reaches someone before the month ends.`,
      );
    }
  },
});

function limitProblem(budget: BudgetView, currency: string): string | undefined {
  if (budget.limits === UNKNOWN) return undefined;
  if (budget.limits.length === 0) return `has no limit (set limitAmount and limitUnit "${currency}")`;
  for (const limit of budget.limits) {
    if (limit.amount !== UNKNOWN && !(typeof limit.amount === "number" && limit.amount > 0))
      return "has a limit that is not a positive amount";
    if (limit.unit !== UNKNOWN && limit.unit !== currency)
      return `has a limit in ${limit.unit === undefined ? "no unit" : JSON.stringify(limit.unit.slice(0, 16))}, not ${currency}`;
  }
  return undefined;
}

function notificationProblem(budget: BudgetView, maxThresholdPercent: number): string | undefined {
  if (budget.notifications === UNKNOWN) return undefined;
  const limit = budget.limits === UNKNOWN ? undefined : budget.limits[0]?.amount;
  const early = budget.notifications.filter((notification) => {
    if (notification.notificationType !== "ACTUAL" && notification.notificationType !== UNKNOWN) return false;
    if (notification.comparisonOperator === "LESS_THAN") return false;
    const threshold = notification.threshold;
    if (threshold === UNKNOWN || notification.thresholdType === UNKNOWN) return true;
    if (typeof threshold !== "number" || threshold <= 0) return false;
    if (notification.thresholdType === "ABSOLUTE_VALUE")
      return typeof limit !== "number" || threshold <= limit;
    return threshold <= maxThresholdPercent;
  });
  if (early.length === 0)
    return `has no ACTUAL notification at or below ${maxThresholdPercent}% of its limit`;
  if (!early.some(isSubscribed)) return "has no subscriber (email or SNS) on its ACTUAL notifications";
  return undefined;
}
