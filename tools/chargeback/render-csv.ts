import { type ChargebackReport, isOverBudget, tenantsInReadingOrder } from "./report";

/**
 * What a CSV row is. Rows of the types in `summedRowTypes` add up to the `total` row (the invoice's
 * Bedrock total for the stack's accounts); `profile` rows break a tenant row down and are not summed.
 */
export const csvRowTypes = [
  "tenant",
  "profile",
  "unknown-tenant",
  "other-environment",
  "unattributed",
  "adjustment",
  "total",
] as const;
export type CsvRowType = (typeof csvRowTypes)[number];
export const summedRowTypes: readonly CsvRowType[] = [
  "tenant",
  "unknown-tenant",
  "other-environment",
  "unattributed",
  "adjustment",
];

const baseHeader = [
  "row_type",
  "stack",
  "month",
  "complete",
  "cost_basis",
  "tenant",
  "profile",
  "arn",
  "model",
];
const figureHeader = [
  "account",
  "service",
  "usage_type",
  "adjustment_type",
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
type Cell = string | number | boolean | null | undefined;

/** The mandatory tag columns: every mandatory key but `tenant` (its own column); `environment` included. */
export function tagColumns(report: ChargebackReport): string[] {
  return report.mandatoryTags.filter((key) => key !== "tenant");
}

/** The CSV rows of one month, without the header (the trend CSV stacks months). */
export function csvRows(report: ChargebackReport): Cell[][] {
  const tags = tagColumns(report);
  const rows: Cell[][] = [];
  const row = (
    type: CsvRowType,
    names: { tenant?: string; profile?: string; arn?: string; model?: string | null },
    tagValues: Record<string, string>,
    figures: Cell[],
  ) =>
    rows.push([
      type,
      report.stack,
      report.month,
      report.complete,
      report.costBasis,
      names.tenant,
      names.profile,
      names.arn,
      names.model,
      ...tags.map((key) => tagValues[key]),
      ...figures,
    ]);
  const amount = (
    usd: number,
    where: { account?: string; service?: string; usageType?: string; type?: string } = {},
  ) => [where.account, where.service, where.usageType, where.type, cents(usd), "", "", "", ""];
  for (const tenant of tenantsInReadingOrder(report)) {
    row("tenant", { tenant: tenant.tenant }, tenant.tags, [
      "",
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
      row("profile", { tenant: tenant.tenant, ...profile }, tenant.tags, amount(profile.usd));
  }
  for (const entry of report.unknownTenants)
    row("unknown-tenant", { tenant: entry.tenant }, {}, amount(entry.bedrockUsd));
  if (report.otherEnvironmentsUsd !== 0)
    row("other-environment", {}, {}, amount(report.otherEnvironmentsUsd));
  // The listed contributors, then what the list leaves out, so the unattributed rows add up to the figure.
  for (const entry of report.unattributed.top) row("unattributed", {}, {}, amount(entry.usd, entry));
  const rest = report.unattributed.usd - report.unattributed.top.reduce((sum, entry) => sum + entry.usd, 0);
  if (Math.abs(rest) >= 0.005)
    row("unattributed", {}, {}, amount(rest, { usageType: "(other untagged usage)" }));
  for (const entry of report.adjustments.byType)
    row("adjustment", {}, {}, amount(entry.usd, { type: entry.type }));
  row("total", {}, {}, amount(report.invoiceBedrockUsd));
  return rows;
}

export function csvHeader(report: ChargebackReport): string[] {
  return [...baseHeader, ...tagColumns(report), ...figureHeader];
}

export const csvText = (rows: Cell[][]) =>
  `${rows.map((cells) => cells.map(field).join(",")).join("\r\n")}\r\n`;

/**
 * For finance: a row per tenant (and per profile with `--by-profile`), per unknown tenant, for
 * other environments, per untagged contributor, per adjustment type, and the total; `row_type`
 * says which, and the mandatory tags are columns (the tenant file's values on tenant and profile rows).
 */
export function renderCsv(report: ChargebackReport): string {
  return csvText([csvHeader(report), ...csvRows(report)]);
}
