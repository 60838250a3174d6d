import type { CostBasis } from "./cost-basis";
import { type ChargebackReport, exitCodeOf } from "./report";

/**
 * `--from YYYY-MM --to YYYY-MM`: the month-by-month reports of one read of the source, each by the
 * same rules as a one-month report (usage and adjustments apart, billing-period basis, net cost).
 */
export interface TrendReport {
  stack: string;
  from: string;
  to: string;
  currency: "USD";
  source: string;
  costBasis: CostBasis;
  periodBasis: "billing" | "usage";
  /** One full report per month, oldest first. */
  months: ChargebackReport[];
}

/** 1 when any month of the trend would end its own report with 1 (a tenant over budget, or the untagged share over the limit). */
export function trendExitCode(trend: TrendReport, maxUnattributedPercent?: number): 0 | 1 {
  return trend.months.some((report) => exitCodeOf(report, maxUnattributedPercent) === 1) ? 1 : 0;
}

/** Every tenant named in any month, in the order of the last month's report, then the rest by name. */
export function trendTenants(trend: TrendReport): string[] {
  const names = new Set<string>();
  for (const report of [...trend.months].reverse())
    for (const tenant of report.tenants) names.add(tenant.tenant);
  return [...names];
}
