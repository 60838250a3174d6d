import type { ChargebackReport } from "./report";

/** Dollars rounded to cents, with thousands separators: `$12,345.67`. */
export function usd(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  return `${sign}$${Math.abs(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function percent(value: number): string {
  return `${value.toFixed(1)}%`;
}

/** The report's heading line, shared by text, markdown and HTML. */
export function heading(report: ChargebackReport): string {
  const state = report.complete ? "complete month" : "month in progress: month-to-date, with a forecast";
  return `Bedrock chargeback for stack ${report.stack}, ${report.month} (${state}), source ${report.source}`;
}

/** The basis of the figures, said in every format: which cost, and how months are chosen. */
export function basisLine(report: { costBasis: string; periodBasis: string }): string {
  const period = report.periodBasis === "billing" ? "by billing period" : "by usage date";
  return `${report.costBasis} cost, ${period}`;
}

/** Usage + adjustments = the invoice's Bedrock total, as one sentence. */
export function reconciliationLine(report: ChargebackReport): string {
  return `Bedrock usage ${usd(report.totalBedrockUsd)} + adjustments ${usd(report.adjustments.usd)} = invoice total ${usd(report.invoiceBedrockUsd)} (${basisLine(report)})`;
}
