import { formatInputError } from "../../src/validation";
import { orgPlanLines } from "./org-plan";
import type { PlanTenant } from "./plan";
import { type CheckReport, blocks, shortUrn, summarize, usd, violationsByPolicy } from "./report";

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

/** The human report: the plan per account and tenant, the verdict by policy, one summary line. */
export function renderText(report: CheckReport, colour: boolean): string {
  const { bold, dim, red, yellow, green } = palette(colour);
  const lines: string[] = [];
  const source = report.source === "program" ? "program under mocks" : "stack export";
  lines.push(bold(`bedrock-cost-governance check: stack ${report.stack} (${source})`));

  if (report.errors.length > 0) {
    lines.push(
      "",
      red(
        bold(
          `${report.errors.length} input problem${report.errors.length === 1 ? "" : "s"}; nothing was judged:`,
        ),
      ),
    );
    for (const error of report.errors) lines.push(`  ${formatInputError(error)}`);
    lines.push("", red("FAIL (exit 2): fix the input above and run again."));
    return `${lines.join("\n")}\n`;
  }

  for (const account of report.plan?.accounts ?? []) {
    lines.push("", bold(`Account ${account.label}, ${account.region}`));
    for (const tenant of account.tenants) lines.push(...tenantLines(tenant, dim));
  }

  if (report.org)
    lines.push("", ...orgPlanLines(report.org).map((line, index) => (index === 0 ? bold(line) : line)));
  for (const warning of report.plan?.quotaWarnings ?? []) lines.push("", yellow(`quota: ${warning}`));

  const pack = report.policyPack ? `${report.policyPack.name} ${report.policyPack.version}` : "policy pack";
  lines.push("", bold(`Policy verdict (${pack})`));
  if (report.violations.length === 0) lines.push(green("  no violations"));
  for (const group of violationsByPolicy(report.violations)) {
    const colourOf = group.enforcementLevel === "mandatory" ? red : yellow;
    lines.push(
      colourOf(
        `  ${group.policyName} [${group.enforcementLevel}]: ${group.violations.length} violation${group.violations.length === 1 ? "" : "s"}`,
      ),
    );
    for (const violation of group.violations) {
      lines.push(`    ${dim(shortUrn(violation.urn))}`);
      lines.push(...violation.message.split("\n").map((line) => `      ${line}`));
    }
  }

  const summary = summarize(report);
  const passed = !report.violations.some(blocks);
  lines.push(
    "",
    `${passed ? green(bold("PASS")) : red(bold("FAIL"))} ${summary.resources} resources, ${summary.tenants} tenants, ${summary.profiles} profiles, ` +
      `${usd(summary.monthlyBudgetUsd)}/month budgeted, guardrails ${usd(summary.governanceUsdPerMonth)}/month; ` +
      `${summary.mandatoryViolations} mandatory, ${summary.advisoryViolations} advisory violations; verdict in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join("\n")}\n`;
}

function tenantLines(tenant: PlanTenant, dim: Style): string[] {
  const lines = [`  ${tenant.name}`];
  for (const profile of tenant.profiles) {
    const routing = profile.crossRegion ? `cross-Region ${profile.crossRegion}` : "single-Region";
    lines.push(`    profile ${profile.name}: ${profile.model} (${routing}) ${dim(profile.awsName)}`);
  }
  const budget = tenant.budget;
  lines.push(
    budget
      ? `    budget ${usd(budget.monthlyUsd)}/month: alerts at ${budget.alertAtPercent.join("/")}% actual` +
          `${budget.forecastAtPercent !== undefined ? `, ${budget.forecastAtPercent}% forecast` : ""}, on exceed ${budget.onExceed}`
      : "    budget: none",
  );
  lines.push(
    `    ${tenant.alarms} alarm${tenant.alarms === 1 ? "" : "s"}; guardrails ${usd(tenant.governanceUsdPerMonth)}/month`,
  );
  return lines;
}
