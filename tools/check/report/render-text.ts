import { formatInputError } from "../../../src/validation";
import { alarmText, budgetAlertText, count, usd } from "./format";
import { orgPlanLines } from "../plan/org-summary";
import type { PlanAccount, PlanSummary, PlanTenant } from "../plan/summary";
import { type CheckReport, type PolicyGroup, shortUrn, verdictOf, violationsByPolicy } from "./check-report";
import {
  budgetCostText,
  inputProblemsText,
  judgedByText,
  leftOutText,
  locationText,
  nothingJudgedText,
  planTotalsText,
  profileText,
  sourceText,
  tagsText,
  violationCountsText,
} from "./phrases";
import { diffLines } from "./diff-text";

type Style = (text: string) => string;
interface Palette {
  bold: Style;
  dim: Style;
  red: Style;
  yellow: Style;
  green: Style;
}

const ansi =
  (code: number): Style =>
  (text) =>
    `\u001b[${code}m${text}\u001b[0m`;
const plain: Style = (text) => text;
export const palette = (colour: boolean): Palette =>
  colour
    ? { bold: ansi(1), dim: ansi(2), red: ansi(31), yellow: ansi(33), green: ansi(32) }
    : { bold: plain, dim: plain, red: plain, yellow: plain, green: plain };

/** The human report: the plan per account and tenant, the verdict by policy, one summary line last. */
export function renderText(report: CheckReport, colour: boolean): string {
  const style = palette(colour);
  const heading = style.bold(`bedrock-cost-governance check: stack ${report.stack} (${sourceText(report)})`);
  const body =
    verdictOf(report) === "invalid-input"
      ? inputErrorLines(report, style)
      : [
          ...(report.diff ? diffLines(report.diff, style) : []),
          ...planLines(report, style),
          ...verdictLines(report, style),
          "",
          summaryLine(report, style),
        ];
  return `${[heading, ...body].join("\n")}\n`;
}

function inputErrorLines(report: CheckReport, { bold, red }: Palette): string[] {
  return [
    "",
    red(bold(`${inputProblemsText(report)}:`)),
    ...report.errors.map((error) => `  ${formatInputError(error)}`),
    "",
    red("FAIL (exit 2): fix the input above and run again."),
  ];
}

function planLines(report: CheckReport, style: Palette): string[] {
  const plan = report.plan;
  const accounts = plan?.accounts ?? [];
  // An org stack plans the payer account's guardrails, not tenants: it is not empty without them.
  const org = report.org
    ? ["", ...orgPlanLines(report.org).map((line, index) => (index === 0 ? style.bold(line) : line))]
    : [];
  return [
    ...(accounts.length === 0 && !report.org
      ? ["", "The stack is empty: no tenant has a profile, budget or alarm in it."]
      : accounts.flatMap((account) => accountLines(account, style))),
    ...org,
    ...leftOutLines(plan),
    ...(plan?.quotaWarnings ?? []).flatMap((warning) => ["", style.yellow(`quota: ${warning}`)]),
  ];
}

function accountLines(account: PlanAccount, style: Palette): string[] {
  return [
    "",
    style.bold(`Account ${account.label}, ${account.region}`),
    ...account.tenants.flatMap((tenant) => tenantLines(tenant, style.dim)),
    ...(account.budgetCost ? [style.dim(`  ${budgetCostText(account.budgetCost)}`)] : []),
  ];
}

function tenantLines(tenant: PlanTenant, dim: Style): string[] {
  const budget = tenant.budget;
  return [
    `  ${tenant.name}`,
    ...tenant.profiles.flatMap((profile) => [
      `    profile ${profileText(profile)}`,
      ...(profile.alarms.length > 0
        ? [dim(`      alarms: ${profile.alarms.map(alarmText).join("; ")}`)]
        : []),
    ]),
    ...(tenant.otherAlarms.length > 0
      ? [dim(`    other alarms: ${tenant.otherAlarms.map(alarmText).join("; ")}`)]
      : []),
    budget
      ? `    budget ${usd(budget.monthlyUsd)}/month: alerts at ${budgetAlertText(budget.alertAtPercent, budget.forecastAtPercent)}, on exceed ${budget.onExceed}`
      : "    budget: none",
    `    ${count(tenant.alarms, "alarm")}; guardrails ${usd(tenant.governanceUsdPerMonth)}/month`,
    `    tags: ${tagsText(tenant.tags)}`,
  ];
}

function leftOutLines(plan: PlanSummary | undefined): string[] {
  const leftOut = plan?.leftOut ?? [];
  if (leftOut.length === 0) return [];
  return [
    "",
    `Left out of this stack: ${count(leftOut.length, "tenant")}`,
    ...leftOut.map((tenant) => `  ${leftOutText(tenant)}`),
  ];
}

function verdictLines(report: CheckReport, style: Palette): string[] {
  if (verdictOf(report) === "nothing-judged")
    return ["", style.yellow(style.bold(nothingJudgedText(report)))];
  const groups = violationsByPolicy(report.violations);
  return [
    "",
    style.bold(`Policy verdict (${judgedByText(report)})`),
    ...(groups.length === 0
      ? [style.green("  no violations")]
      : groups.flatMap((group) => groupLines(group, style))),
  ];
}

function groupLines(group: PolicyGroup, { red, yellow, dim }: Palette): string[] {
  const colourOf = group.enforcementLevel === "mandatory" ? red : yellow;
  return [
    colourOf(
      `  ${group.policyName} [${group.enforcementLevel}]: ${count(group.violations.length, "violation")}`,
    ),
    ...group.violations.flatMap((violation) => [
      `    ${dim(shortUrn(violation.urn))}`,
      ...violation.message.split("\n").map((line) => `      ${line}`),
      ...(violation.location ? [`      → ${locationText(violation.location)}`] : []),
    ]),
  ];
}

const verdictWords = {
  pass: "PASS",
  fail: "FAIL",
  "nothing-judged": "NOT JUDGED (exit 3)",
} as const;

function summaryLine(report: CheckReport, { bold, green, red, yellow }: Palette): string {
  const verdict = verdictOf(report) as keyof typeof verdictWords;
  const colourOf = verdict === "pass" ? green : verdict === "fail" ? red : yellow;
  return (
    `${colourOf(bold(verdictWords[verdict]))} ${planTotalsText(report)}; ` +
    `${violationCountsText(report)}; verdict in ${(report.durationMs / 1000).toFixed(1)} s`
  );
}
