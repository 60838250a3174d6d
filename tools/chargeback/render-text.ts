import { heading, percent, reconciliationLine, usd } from "./format";
import { type ChargebackReport, isOverBudget, tenantsInReadingOrder } from "./report";

/** For a terminal: over-budget tenants first, then by spend; amounts in cents. */
export function renderText(report: ChargebackReport): string {
  const lines = [
    heading(report),
    `Total Bedrock spend: ${usd(report.totalBedrockUsd)}`,
    reconciliationLine(report),
    "",
  ];
  const forecast = !report.complete;
  const rows = tenantsInReadingOrder(report).map((tenant) => [
    isOverBudget(tenant) ? "OVER" : "",
    tenant.tenant,
    usd(tenant.bedrockUsd),
    usd(tenant.budgetUsd),
    percent(tenant.budgetUsedPercent),
    ...(forecast ? [tenant.forecastUsd === undefined ? "-" : usd(tenant.forecastUsd)] : []),
  ]);
  lines.push(...table(["", "tenant", "spend", "budget", "used", ...(forecast ? ["forecast"] : [])], rows));
  for (const tenant of tenantsInReadingOrder(report))
    for (const profile of tenant.profiles ?? [])
      lines.push(
        `    ${tenant.tenant}/${profile.profile} (${profile.model ?? "model unknown"}): ${usd(profile.usd)}  ${profile.arn}`,
      );
  if (forecast && report.forecastMethod) lines.push("", `Forecast: ${report.forecastMethod}.`);
  lines.push(
    "",
    `Unattributed (no tenant tag): ${usd(report.unattributed.usd)}, ${percent(report.unattributed.share * 100)} of the total`,
  );
  if (report.unattributed.top.length > 0)
    lines.push(
      ...table(
        ["account", "service", "usage type", "spend"],
        report.unattributed.top.map((entry) => [
          entry.account,
          entry.service,
          entry.usageType,
          usd(entry.usd),
        ]),
      ).map((line) => `  ${line}`),
    );
  if (report.unknownTenants.length > 0) {
    lines.push("", "Unknown tenants (tagged, but no tenant file of this stack):");
    for (const entry of report.unknownTenants) lines.push(`  ${entry.tenant}: ${usd(entry.bedrockUsd)}`);
  }
  if (report.otherEnvironmentsUsd !== 0)
    lines.push("", `Tagged for another or no environment: ${usd(report.otherEnvironmentsUsd)}`);
  if (report.adjustments.byType.length > 0) {
    lines.push(
      "",
      `Adjustments (tax, credits, refunds, discounts; charged to no tenant): ${usd(report.adjustments.usd)}`,
    );
    for (const entry of report.adjustments.byType) lines.push(`  ${entry.type}: ${usd(entry.usd)}`);
  }
  for (const note of report.notes) lines.push("", `Note: ${note}`);
  return `${lines.join("\n")}\n`;
}

/** Left-aligned text columns, amounts right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  // A column of amounts (dollars, percentages) is right-aligned, its title too.
  const right = header.map(
    (_, column) => rows.length > 0 && rows.every((row) => /^(-?\$|-$)|%$/.test(row[column])),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (right[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
