import type { ChargebackReport } from "./report";

/** The report as is: amounts in dollars, unrounded (the shape scripts and tests read). */
export function renderJson(report: ChargebackReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
