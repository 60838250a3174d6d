import { formatInputError } from "../../src/validation";
import { orgPlanLines } from "./org-plan";
import type { Plan } from "./plan";
import { type CheckReport, blocks, shortUrn, summarize, usd, violationsByPolicy } from "./report";

/** Past this many tenants the diagram shows tenant counts per account: GitHub comments stop at 65,536 characters. */
const maxTenantsInDiagram = 40;
const maxTableRows = 100;

/** The report for a PR comment or `$GITHUB_STEP_SUMMARY`. */
export function renderMarkdown(report: CheckReport): string {
  const summary = summarize(report);
  const passed = report.errors.length === 0 && !report.violations.some(blocks);
  const lines: string[] = [];
  const status =
    report.errors.length > 0 ? "❌ invalid input" : passed ? "✅ passes" : "❌ blocked by mandatory policies";
  lines.push(`### Bedrock cost governance: \`${report.stack}\` ${status}`, "");

  if (report.errors.length > 0) {
    lines.push("Nothing was judged. Fix these first:", "");
    for (const error of report.errors) lines.push(`- \`${escapeCode(formatInputError(error))}\``);
    return `${lines.join("\n")}\n`;
  }

  lines.push(
    `| resources | tenants | profiles | monthly budgets | guardrails cost | mandatory | advisory |`,
    `|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${summary.resources} | ${summary.tenants} | ${summary.profiles} | ${usd(summary.monthlyBudgetUsd)} | ${usd(summary.governanceUsdPerMonth)}/month | ${summary.mandatoryViolations} | ${summary.advisoryViolations} |`,
    "",
  );
  if (report.plan && !report.org) lines.push(...diagram(report.plan), ...budgetTable(report.plan));
  if (report.org) lines.push(...orgPlanLines(report.org).map((line) => `- ${line.trim()}`), "");
  for (const warning of report.plan?.quotaWarnings ?? []) lines.push(`> [!WARNING]\n> ${warning}`, "");

  lines.push("#### Policy verdict", "");
  if (report.violations.length === 0) lines.push("No violations.", "");
  for (const group of violationsByPolicy(report.violations)) {
    lines.push(
      `**${group.policyName}** (${group.enforcementLevel}): ${group.violations.length}`,
      "",
      "| resource | finding |",
      "|---|---|",
    );
    for (const violation of group.violations.slice(0, maxTableRows)) {
      lines.push(`| \`${escapeCode(shortUrn(violation.urn))}\` | ${escapeCell(violation.message)} |`);
    }
    if (group.violations.length > maxTableRows)
      lines.push(`| … | ${group.violations.length - maxTableRows} more |`);
    lines.push("");
  }
  lines.push(
    `<sub>${report.source === "program" ? "Program run under mocks" : "Stack export"}; verdict in ${(report.durationMs / 1000).toFixed(1)} s by ${report.policyPack ? `${report.policyPack.name} ${report.policyPack.version}` : "the policy pack"}.</sub>`,
  );
  return `${lines.join("\n")}\n`;
}

function diagram(plan: Plan): string[] {
  const lines = ["```mermaid", "flowchart LR"];
  const compact =
    plan.accounts.reduce((sum, account) => sum + account.tenants.length, 0) > maxTenantsInDiagram;
  plan.accounts.forEach((account, accountIndex) => {
    const accountId = `a${accountIndex}`;
    lines.push(`  ${accountId}[["${mermaidText(`${account.label}, ${account.region}`)}"]]`);
    if (compact) {
      const profiles = account.tenants.reduce((sum, tenant) => sum + tenant.profiles.length, 0);
      lines.push(
        `  ${accountId} --> ${accountId}t["${account.tenants.length} tenants, ${profiles} profiles"]`,
      );
      return;
    }
    account.tenants.forEach((tenant, tenantIndex) => {
      const tenantId = `${accountId}t${tenantIndex}`;
      lines.push(`  ${accountId} --> ${tenantId}("${mermaidText(tenant.name)}")`);
      tenant.profiles.forEach((profile, profileIndex) => {
        const routing = profile.crossRegion ? ` via ${profile.crossRegion}` : "";
        lines.push(
          `  ${tenantId} --> ${tenantId}p${profileIndex}["${mermaidText(`${profile.name}: ${profile.model}${routing}`)}"]`,
        );
      });
    });
  });
  lines.push("```", "");
  return lines;
}

function budgetTable(plan: Plan): string[] {
  const rows = plan.accounts.flatMap((account) => account.tenants.map((tenant) => ({ account, tenant })));
  const lines = [
    "| tenant | account | monthly budget | alerts (actual / forecast) | on exceed | alarms |",
    "|---|---|---:|---|---|---:|",
  ];
  for (const { account, tenant } of rows.slice(0, maxTableRows)) {
    const budget = tenant.budget;
    lines.push(
      `| ${escapeCell(tenant.name)} | ${escapeCell(account.label)} | ${budget ? usd(budget.monthlyUsd) : "none"} | ` +
        `${budget ? `${budget.alertAtPercent.join(", ")}% / ${budget.forecastAtPercent ?? "-"}%` : "-"} | ${budget?.onExceed ?? "-"} | ${tenant.alarms} |`,
    );
  }
  if (rows.length > maxTableRows) lines.push(`| … ${rows.length - maxTableRows} more tenants | | | | | |`);
  lines.push(`| **total** | | **${usd(plan.monthlyBudgetUsd)}** | | | |`, "");
  return lines;
}

const mermaidText = (text: string) => text.replace(/["<>]/g, "'");
const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
const escapeCode = (text: string) => text.replace(/`/g, "'");
