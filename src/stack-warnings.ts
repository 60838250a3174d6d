import type { StackTenant } from "./stack-tenants";
import type { InputError } from "./validation";

/**
 * Above this a monthly budget is taken for a slip of the keyboard (an extra zero or three), not
 * a plan: no tenant of this program is meant to spend a million dollars a month on Bedrock.
 */
export const saneMonthlyUsd = 1_000_000;

/**
 * Settings that are valid but cannot do their job: an estimated-spend alarm that could fire only
 * on a day that alone spends more than the whole monthly budget (the budget's alerts, or its deny
 * action, come first), and a budget beyond any sane figure.
 * They are warnings, not errors: the stack still deploys what was written.
 */
export function thresholdWarnings(tenants: readonly StackTenant[]): InputError[] {
  const warnings: InputError[] = [];
  for (const tenant of tenants) {
    const monthly = tenant.budget.monthlyUsd;
    const warn = (path: string, message: string) => warnings.push({ file: tenant.file, path, message });
    if (monthly > saneMonthlyUsd)
      warn(
        "budget.monthlyUsd",
        `${monthly.toLocaleString("en-US")} USD a month in ${tenant.environment} is beyond any sane figure (over ${saneMonthlyUsd.toLocaleString("en-US")}): a typo?`,
      );
    for (const profile of tenant.profiles) {
      const { maxEstimatedUsdPerDay } = profile.alarms;
      if (maxEstimatedUsdPerDay > monthly)
        warn(
          "alarms.maxEstimatedUsdPerDay",
          `${maxEstimatedUsdPerDay} USD a day (profile "${profile.name}", ${tenant.environment}) can never fire before the monthly budget of ${monthly} USD is spent`,
        );
    }
  }
  return warnings;
}
