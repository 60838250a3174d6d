import { type ChargebackReport, isOverBudget, tenantsInReadingOrder } from "./report";

const header = [
  "stack",
  "month",
  "complete",
  "tenant",
  "profile",
  "arn",
  "model",
  "bedrock_usd",
  "budget_usd",
  "budget_used_percent",
  "forecast_usd",
  "over_budget",
];

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function field(value: string | number | boolean | null | undefined): string {
  const text = value === undefined || value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const cents = (amount: number) => amount.toFixed(2);

/** For finance: one row per tenant, then one per profile with `--by-profile` (profile columns filled). */
export function renderCsv(report: ChargebackReport): string {
  const rows: Array<Array<string | number | boolean | null | undefined>> = [header];
  for (const tenant of tenantsInReadingOrder(report)) {
    const common = [report.stack, report.month, report.complete, tenant.tenant];
    rows.push([
      ...common,
      "",
      "",
      "",
      cents(tenant.bedrockUsd),
      cents(tenant.budgetUsd),
      tenant.budgetUsedPercent.toFixed(1),
      tenant.forecastUsd === undefined ? "" : cents(tenant.forecastUsd),
      isOverBudget(tenant),
    ]);
    for (const profile of tenant.profiles ?? [])
      rows.push([...common, profile.profile, profile.arn, profile.model, cents(profile.usd), "", "", "", ""]);
  }
  return `${rows.map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}
