import { heading, percent, reconciliationLine, usd } from "./format";
import { type ChargebackReport, isOverBudget, tenantsInReadingOrder } from "./report";

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** For a pull request or a wiki page: the text report's content as tables. */
export function renderMarkdown(report: ChargebackReport): string {
  const forecast = !report.complete;
  const lines = [
    `## ${heading(report)}`,
    "",
    `Total Bedrock spend: **${usd(report.totalBedrockUsd)}**`,
    "",
    reconciliationLine(report),
    "",
  ];
  lines.push(
    `| Tenant | Spend | Budget | Used |${forecast ? " Forecast |" : ""}`,
    `| --- | ---: | ---: | ---: |${forecast ? " ---: |" : ""}`,
  );
  for (const tenant of tenantsInReadingOrder(report)) {
    const name = isOverBudget(tenant) ? `**${cell(tenant.tenant)}** (over budget)` : cell(tenant.tenant);
    const projected = tenant.forecastUsd === undefined ? "-" : usd(tenant.forecastUsd);
    lines.push(
      `| ${name} | ${usd(tenant.bedrockUsd)} | ${usd(tenant.budgetUsd)} | ${percent(tenant.budgetUsedPercent)} |${forecast ? ` ${projected} |` : ""}`,
    );
  }
  const profiles = tenantsInReadingOrder(report).flatMap((tenant) =>
    (tenant.profiles ?? []).map((profile) => ({ tenant: tenant.tenant, ...profile })),
  );
  if (profiles.length > 0) {
    lines.push("", "| Tenant | Profile | Model | Spend | ARN |", "| --- | --- | --- | ---: | --- |");
    for (const profile of profiles)
      lines.push(
        `| ${cell(profile.tenant)} | ${cell(profile.profile)} | ${cell(profile.model ?? "unknown")} | ${usd(profile.usd)} | \`${profile.arn}\` |`,
      );
  }
  if (forecast && report.forecastMethod) lines.push("", `Forecast: ${report.forecastMethod}.`);
  lines.push(
    "",
    `### Unattributed: ${usd(report.unattributed.usd)} (${percent(report.unattributed.share * 100)} of the total)`,
    "",
    "Bedrock spend without a `tenant` tag: direct model calls, untagged profiles, other teams.",
  );
  if (report.unattributed.top.length > 0) {
    lines.push("", "| Account | Service | Usage type | Spend |", "| --- | --- | --- | ---: |");
    for (const entry of report.unattributed.top)
      lines.push(
        `| ${entry.account} | ${cell(entry.service)} | ${cell(entry.usageType)} | ${usd(entry.usd)} |`,
      );
  }
  if (report.unknownTenants.length > 0) {
    lines.push("", "### Unknown tenants", "", "| Tenant tag | Spend |", "| --- | ---: |");
    for (const entry of report.unknownTenants)
      lines.push(`| ${cell(entry.tenant)} | ${usd(entry.bedrockUsd)} |`);
  }
  if (report.otherEnvironmentsUsd !== 0)
    lines.push("", `Tagged for another or no environment: ${usd(report.otherEnvironmentsUsd)}.`);
  if (report.adjustments.byType.length > 0) {
    lines.push(
      "",
      `### Adjustments: ${usd(report.adjustments.usd)}`,
      "",
      "Tax, credits, refunds and discounts: charged to no tenant.",
      "",
      "| Type | Amount |",
      "| --- | ---: |",
    );
    for (const entry of report.adjustments.byType) lines.push(`| ${cell(entry.type)} | ${usd(entry.usd)} |`);
  }
  for (const note of report.notes) lines.push("", `> ${note}`);
  return `${lines.join("\n")}\n`;
}
