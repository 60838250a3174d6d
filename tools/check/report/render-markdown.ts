import { formatInputError } from "../../../src/validation";
import { alarmText, budgetAlertText, count, integer, usd } from "./format";
import { type OrgPlan, orgPlanLines } from "../plan/org-summary";
import { type MarkdownBlock, type TableBlock, fitMarkdown } from "./markdown-budget";
import type { PlanSummary } from "../plan/summary";
import { type CheckReport, type Verdict, shortUrn, verdictOf, violationsByPolicy } from "./check-report";
import * as phrase from "./phrases";
import { diffBlocks } from "./diff-markdown";

/**
 * A stack's section of the PR comment: at most this many characters, so that dev and prod fit
 * GitHub's 65,536-character comment with room for the comment's own heading.
 */
export const maxStackSectionChars = 30_000;
/** The summary line of the collapsed plan under a diff. */
export const detailsSummary = "The whole plan and every finding (unchanged parts included)";
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
  const verdict = verdictOf(report);
  const heading: MarkdownBlock = {
    kind: "must",
    lines: [`### Bedrock cost governance: \`${report.stack}\` ${status[verdict]}`, ""],
  };
  const details = [
    ...(verdict === "nothing-judged" ? [] : violationBlocks(report)),
    ...inputWarningBlocks(report),
    ...(report.org ? orgBlocks(report.org) : report.plan ? planBlocks(report.plan) : []),
  ];
  const blocks =
    verdict === "invalid-input"
      ? inputErrorBlocks(report)
      : report.diff
        ? // What the PR changes first; the whole plan and every finding after it, collapsed.
          [
            verdictBlock(report, verdict),
            ...diffBlocks(report.diff, escapeCell, escapeCode),
            { kind: "must", lines: ["<details>", `<summary>${detailsSummary}</summary>`, ""] } as const,
            ...details,
            { kind: "must", lines: ["", "</details>", ""] } as const,
          ]
        : [verdictBlock(report, verdict), ...details];
  return fitMarkdown([heading, ...blocks], maxChars, footerReserve, (shortened) => footer(report, shortened));
}

function inputErrorBlocks(report: CheckReport): MarkdownBlock[] {
  return [
    { kind: "must", lines: ["Nothing was judged. Fix these first:", ""] },
    {
      kind: "table",
      head: [],
      rows: report.errors.map((error) => `- \`${escapeCode(formatInputError(error))}\``),
      more: moreLine("problem"),
    },
  ];
}

function verdictBlock(report: CheckReport, verdict: Verdict): MarkdownBlock {
  return {
    kind: "must",
    lines: [
      verdict === "nothing-judged"
        ? `**${phrase.nothingJudgedText(report)}**`
        : `**${phrase.violationCountsText(report)}**, judged by ${phrase.judgedByText(report)}.`,
      "",
      `${phrase.planTotalsText(report)}.`,
      "",
    ],
  };
}

/** Every policy's count first (a few lines), then the findings: each policy's table an even share of half of what is left. */
function violationBlocks(report: CheckReport): MarkdownBlock[] {
  const groups = violationsByPolicy(report.violations);
  if (groups.length === 0) return [];
  const counts: MarkdownBlock = {
    kind: "must",
    lines: [
      "#### Policy verdict",
      "",
      ...groups.map(
        (group) =>
          `- **${group.policyName}** (${group.enforcementLevel}): ${count(group.violations.length, "violation")}`,
      ),
      "",
    ],
  };
  const tables = groups.map((group, index): MarkdownBlock => ({
    kind: "table",
    head: [`**${group.policyName}** (${group.enforcementLevel})`, "", "| resource | finding |", "|---|---|"],
    rows: group.violations.map(
      (violation) =>
        `| \`${escapeCode(shortUrn(violation.urn))}\` | ${escapeCell(clip(violation.message, maxFindingChars))}` +
        `${violation.location ? `<br>→ ${escapeCell(phrase.locationText(violation.location))}` : ""} |`,
    ),
    more: (left) => `| … | ${count(left, "more violation")} |`,
    // The k-th of n tables takes 1/(2n - k) of what is left then: about 1/(2n) of it at the start each.
    share: 1 / (2 * groups.length - index),
  }));
  return [counts, ...tables];
}

/** Valid input that is probably a mistake (an alarm that can never fire, a budget beyond sense). */
function inputWarningBlocks(report: CheckReport): MarkdownBlock[] {
  return (report.warnings ?? []).map((warning) => ({
    kind: "whole",
    lines: [`> [!WARNING]`, `> ${formatInputError(warning)}`, ""],
  }));
}

function planBlocks(plan: PlanSummary): MarkdownBlock[] {
  const head: MarkdownBlock[] = [
    { kind: "must", lines: ["#### Plan", ""] },
    ...plan.quotaWarnings.map((warning): MarkdownBlock => ({
      kind: "whole",
      lines: [`> [!WARNING]`, `> ${warning}`, ""],
    })),
    ...(plan.leftOut.length > 0 ? [leftOutBlock(plan)] : []),
  ];
  if (plan.accounts.length === 0)
    return [
      ...head,
      { kind: "must", lines: ["The stack is empty: no tenant has a profile, budget or alarm in it.", ""] },
    ];
  return [
    ...head,
    {
      kind: "whole",
      lines: diagram(plan),
      instead: [`_The diagram of accounts, tenants and profiles is left out to fit._`, ""],
    },
    {
      kind: "table",
      head: [],
      rows: plan.accounts.flatMap((account) =>
        account.budgetCost ? [`- ${phrase.budgetCostText(account.budgetCost)}`] : [],
      ),
      more: moreLine("account"),
    },
    // The tenants in under half of what is left, so that the profiles and their alarm thresholds show too.
    { ...tenantTable(plan), share: 0.45 },
    profileTable(plan),
  ];
}

/** An org stack plans the payer account's guardrails, not tenants. */
function orgBlocks(org: OrgPlan): MarkdownBlock[] {
  return [
    { kind: "must", lines: ["#### Plan", ""] },
    {
      kind: "table",
      head: [],
      rows: orgPlanLines(org).map((line) => `- ${line.trim()}`),
      more: moreLine("line"),
    },
  ];
}

function leftOutBlock(plan: PlanSummary): MarkdownBlock {
  return {
    kind: "table",
    head: [`Left out of this stack (${count(plan.leftOut.length, "tenant")}):`, ""],
    rows: plan.leftOut.map((tenant) => `- ${escapeCell(phrase.leftOutText(tenant))}`),
    more: moreLine("tenant"),
    share: 0.1,
  };
}

function tenantTable(plan: PlanSummary): TableBlock {
  return {
    kind: "table",
    head: [
      "| tenant | account | monthly budget | alerts | on exceed | alarms | guardrails | tags |",
      "|---|---|---:|---|---|---:|---:|---|",
    ],
    rows: plan.accounts.flatMap((account) =>
      account.tenants.map((tenant) => {
        const budget = tenant.budget;
        return (
          `| ${escapeCell(tenant.name)} | ${escapeCell(account.label)} | ${budget ? usd(budget.monthlyUsd) : "none"} | ` +
          `${budget ? budgetAlertText(budget.alertAtPercent, budget.forecastAtPercent) : "none"} | ${budget?.onExceed ?? "none"} | ` +
          `${integer(tenant.alarms)} | ${usd(tenant.governanceUsdPerMonth)}/month | ${escapeCell(phrase.tagsText(tenant.tags))} |`
        );
      }),
    ),
    more: (left) => `| … ${count(left, "more tenant")} | | | | | | | |`,
    tail: [
      `| **total** | | **${usd(plan.monthlyBudgetUsd)}** | | | | **${usd(plan.governanceUsdPerMonth)}/month** | |`,
      "",
    ],
  };
}

function profileTable(plan: PlanSummary): TableBlock {
  return {
    kind: "table",
    head: ["| tenant | profile | alarms |", "|---|---|---|"],
    rows: plan.accounts.flatMap((account) =>
      account.tenants.flatMap((tenant) =>
        tenant.profiles.map(
          (profile) =>
            `| ${escapeCell(tenant.name)} | ${escapeCell(phrase.profileText(profile))} | ${escapeCell(profile.alarms.map(alarmText).join("; ") || "none")} |`,
        ),
      ),
    ),
    more: (left) => `| … ${count(left, "more profile")} | | |`,
  };
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
