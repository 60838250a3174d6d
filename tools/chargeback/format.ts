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
