import { formatInputError } from "../../src/validation";
import { alarmText, budgetAlertText, count, integer, usd } from "./format";
import { BudgetedMarkdown } from "./markdown-budget";
import type { PlanSummary } from "./plan";
import { type CheckReport, type Verdict, shortUrn, verdictOf, violationsByPolicy } from "./report";
import * as phrase from "./report-phrases";

/**
 * A stack's section of the PR comment: at most this many characters, so that dev and prod fit
 * GitHub's 65,536-character comment with room for the comment's own heading.
 */
export const maxStackSectionChars = 30_000;
/** Past this many tenants the diagram shows tenant counts per account. */
const maxTenantsInDiagram = 40;
/** A violation's message in a table cell, at most. */
const maxFindingChars = 600;
/** Kept for the footer whatever the plan's size. */
const footerReserve = 600;

const status: Record<Verdict, string> = {
  "invalid-input": "❌ invalid input",
  "nothing-judged": "⚠️ nothing judged",
  fail: "❌ blocked by mandatory policies",
  pass: "✅ passes",
};

/** The report for a PR comment or `$GITHUB_STEP_SUMMARY`: the verdict and the violations first, the plan within what is left. */
export function renderMarkdown(report: CheckReport, maxChars = maxStackSectionChars): string {
  const out = new BudgetedMarkdown(maxChars, footerReserve);
  const verdict = verdictOf(report);
  out.must([`### Bedrock cost governance: \`${report.stack}\` ${status[verdict]}`, ""]);
  if (verdict === "invalid-input") {
    out.must(["Nothing was judged. Fix these first:", ""]);
    out.table(
      [],
      report.errors.map((error) => `- \`${escapeCode(formatInputError(error))}\``),
      moreLine("problem"),
    );
    return out.finish(footer(report, out.shortened));
  }
  out.must([
    verdict === "nothing-judged"
      ? `**${phrase.nothingJudgedText(report)}**`
      : `**${phrase.violationCountsText(report)}**, judged by ${phrase.judgedByText(report)}.`,
    "",
    `${phrase.planTotalsText(report)}.`,
    "",
  ]);
  if (verdict !== "nothing-judged") violationSections(report, out);
  if (report.plan) planSections(report.plan, out);
  return out.finish(footer(report, out.shortened));
}

function violationSections(report: CheckReport, out: BudgetedMarkdown): void {
  const groups = violationsByPolicy(report.violations);
  if (groups.length === 0) return;
  // Every policy's count first (a few lines), then the findings as far as the budget goes.
  out.must([
    "#### Policy verdict",
    "",
    ...groups.map(
      (group) =>
        `- **${group.policyName}** (${group.enforcementLevel}): ${count(group.violations.length, "violation")}`,
    ),
    "",
  ]);
  // Half of what is left for the findings, shared by the policies; the plan gets the rest.
  const perGroup = out.remaining / 2 / groups.length;
  for (const group of groups) {
    out.table(
      [`**${group.policyName}** (${group.enforcementLevel})`, "", "| resource | finding |", "|---|---|"],
      group.violations.map(
        (violation) =>
          `| \`${escapeCode(shortUrn(violation.urn))}\` | ${escapeCell(clip(violation.message, maxFindingChars))} |`,
      ),
      (left) => `| … | ${count(left, "more violation")} |`,
      [""],
      perGroup,
    );
  }
}

function planSections(plan: PlanSummary, out: BudgetedMarkdown): void {
  out.must(["#### Plan", ""]);
  for (const warning of plan.quotaWarnings) out.whole([`> [!WARNING]`, `> ${warning}`, ""]);
  if (plan.leftOut.length > 0) {
    out.table(
      [`Left out of this stack (${count(plan.leftOut.length, "tenant")}):`, ""],
      plan.leftOut.map((tenant) => `- ${escapeCell(phrase.leftOutText(tenant))}`),
      moreLine("tenant"),
      [""],
      out.remaining / 10,
    );
  }
  if (plan.accounts.length === 0) {
    out.must(["The stack is empty: no tenant has a profile, budget or alarm in it.", ""]);
    return;
  }
  out.whole(diagram(plan), [`_The diagram of accounts, tenants and profiles is left out to fit._`, ""]);
  out.table(
    [],
    plan.accounts.flatMap((account) =>
      account.budgetCost ? [`- ${phrase.budgetCostText(account.budgetCost)}`] : [],
    ),
    moreLine("account"),
  );
  // The tenants in under half of what is left, so that the profiles and their alarm thresholds show too.
  tenantTable(plan, out, out.remaining * 0.45);
  profileTable(plan, out);
}

function tenantTable(plan: PlanSummary, out: BudgetedMarkdown, limit: number): void {
  out.table(
    [
      "| tenant | account | monthly budget | alerts | on exceed | alarms | guardrails |",
      "|---|---|---:|---|---|---:|---:|",
    ],
    plan.accounts.flatMap((account) =>
      account.tenants.map((tenant) => {
        const budget = tenant.budget;
        return (
          `| ${escapeCell(tenant.name)} | ${escapeCell(account.label)} | ${budget ? usd(budget.monthlyUsd) : "none"} | ` +
          `${budget ? budgetAlertText(budget.alertAtPercent, budget.forecastAtPercent) : "none"} | ${budget?.onExceed ?? "none"} | ` +
          `${integer(tenant.alarms)} | ${usd(tenant.governanceUsdPerMonth)}/month |`
        );
      }),
    ),
    (left) => `| … ${count(left, "more tenant")} | | | | | | |`,
    [
      `| **total** | | **${usd(plan.monthlyBudgetUsd)}** | | | | **${usd(plan.governanceUsdPerMonth)}/month** |`,
      "",
    ],
    limit,
  );
}

function profileTable(plan: PlanSummary, out: BudgetedMarkdown): void {
  out.table(
    ["| tenant | profile | alarms |", "|---|---|---|"],
    plan.accounts.flatMap((account) =>
      account.tenants.flatMap((tenant) =>
        tenant.profiles.map(
          (profile) =>
            `| ${escapeCell(tenant.name)} | ${escapeCell(phrase.profileText(profile))} | ${escapeCell(profile.alarms.map(alarmText).join("; ") || "none")} |`,
        ),
      ),
    ),
    (left) => `| … ${count(left, "more profile")} | | |`,
  );
}

function diagram(plan: PlanSummary): string[] {
  const lines = ["```mermaid", "flowchart LR"];
  const compact =
    plan.accounts.reduce((sum, account) => sum + account.tenants.length, 0) > maxTenantsInDiagram;
  plan.accounts.forEach((account, accountIndex) => {
    const accountId = `a${accountIndex}`;
    lines.push(`  ${accountId}[["${mermaidText(`${account.label}, ${account.region}`)}"]]`);
    if (compact) {
      const profiles = account.tenants.reduce((sum, tenant) => sum + tenant.profiles.length, 0);
      lines.push(
        `  ${accountId} --> ${accountId}t["${count(account.tenants.length, "tenant")}, ${count(profiles, "profile")}"]`,
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

function footer(report: CheckReport, shortened: boolean): string[] {
  return [
    ...(shortened
      ? [
          `_Shortened to fit a PR comment (${integer(maxStackSectionChars)} characters a stack). The full report: the workflow's artifact, or \`npm run check -- --stack ${report.stack}\`._`,
          "",
        ]
      : []),
    `<sub>${report.source === "program" ? "Program run under mocks" : "Stack export"}; verdict in ${(report.durationMs / 1000).toFixed(1)} s by ${phrase.packText(report)}.</sub>`,
  ];
}

const moreLine = (noun: string) => (left: number) => `- … ${count(left, `more ${noun}`)}`;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const mermaidText = (text: string) => text.replace(/["<>]/g, "'");
const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
const escapeCode = (text: string) => text.replace(/`/g, "'");
