import type { BillingMonth } from "./month";
import type { SpendRow } from "./spend";

export const linearForecastMethod =
  "linear projection of month-to-date spend: month-to-date / days elapsed x days in the month (Data Exports carry no forecast)";

/**
 * Per tenant of this environment, month-to-date spend scaled to the whole month at the pace so far.
 * Days elapsed are counted up to `now` (at least one hour, so the first minutes of a month do not
 * project to infinity): an export is hours behind, which makes the projection a little low.
 */
export function linearForecast(
  rows: readonly SpendRow[],
  month: BillingMonth,
  tenants: readonly string[],
  environment: string,
): Map<string, number> {
  const scale = month.days / Math.max(month.elapsedDays, 1 / 24);
  const known = new Set(tenants);
  const forecast = new Map(tenants.map((tenant) => [tenant, 0]));
  for (const row of rows) {
    if (
      row.chargeType !== undefined ||
      row.tenant === undefined ||
      !known.has(row.tenant) ||
      row.environment !== environment
    )
      continue;
    forecast.set(row.tenant, (forecast.get(row.tenant) ?? 0) + row.usd * scale);
  }
  return forecast;
}
