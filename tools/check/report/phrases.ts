import { governancePrices } from "../../../src/catalog";
import type { AccountBudgetCost, LeftOutTenant, PlanProfile } from "../plan/summary";
import { count, integer, usd } from "./format";
import { unknownAccount } from "../plan/read-resource";
import { type CheckReport, enabledPolicies, summarize } from "./check-report";
import type { FindingLocation } from "./finding-locations";

/** Sentences both human reports use, so the terminal and the PR comment say the same thing. */

export const sourceText = (report: CheckReport): string =>
  report.source === "program" ? "program under mocks" : "stack export";

export const packText = (report: CheckReport): string =>
  report.policyPack ? `${report.policyPack.name} ${report.policyPack.version}` : "the policy pack";

/** `bedrock-cost-guardrails 0.1.0, 9 of 9 policies enabled`. */
export const judgedByText = (report: CheckReport): string =>
  `${packText(report)}, ${integer(enabledPolicies(report).length)} of ${count(report.policies.length, "policy", "policies")} enabled`;

export const nothingJudgedText = (report: CheckReport): string =>
  report.policies.length === 0
    ? `Nothing was judged: ${packText(report)} has no policies.`
    : `Nothing was judged: every policy of ${packText(report)} is disabled (${count(report.policies.length, "policy", "policies")}).`;

/** `2,361 resources, 4 tenants, 5 profiles, $7,700.00/month budgeted, guardrails $3.45/month`. */
export function planTotalsText(report: CheckReport): string {
  const summary = summarize(report);
  return (
    `${count(summary.resources, "resource")}, ${count(summary.tenants, "tenant")}, ${count(summary.profiles, "profile")}, ` +
    `${usd(summary.monthlyBudgetUsd)}/month budgeted, guardrails ${usd(summary.governanceUsdPerMonth)}/month`
  );
}

/** `0 mandatory violations, 1 advisory violation`. */
export function violationCountsText(report: CheckReport): string {
  const summary = summarize(report);
  return `${count(summary.mandatoryViolations, "mandatory violation")}, ${count(summary.advisoryViolations, "advisory violation")}`;
}

export const inputProblemsText = (report: CheckReport): string =>
  `${count(report.errors.length, "input problem")}; nothing was judged`;

/** `chatbot: anthropic.claude-3-haiku-20240307-v1:0 (single-Region) claims-chatbot-prod, protected`. */
export const profileText = (profile: PlanProfile): string =>
  `${profile.name}: ${profile.model} (${profile.crossRegion ? `cross-Region ${profile.crossRegion}` : "single-Region"}) ` +
  `${profile.awsName}${profile.protect ? ", protected" : ""}`;

/** AWS's budget free tier is the account's: say how it is shared instead of crediting whoever sorts first. */
export function budgetCostText(cost: AccountBudgetCost): string {
  const actions =
    cost.actionEnabledBudgets > 0 ? `, ${integer(cost.actionEnabledBudgets)} action-enabled` : "";
  const tier = `AWS's free tier of ${integer(governancePrices.budgetsFreeBudgetsPerAccount)} budgets and ${integer(governancePrices.budgetsFreeBudgetsPerAccount)} action-enabled budgets an account`;
  const where =
    cost.accountId === unknownAccount.accountId ? `an ${unknownAccount.label}` : `account ${cost.accountId}`;
  const head = `budgets in ${where}: ${integer(cost.budgets)}${actions}`;
  if (cost.usdPerMonth === 0) return `${head}; within ${tier}`;
  const perAction =
    cost.usdPerActionEnabledBudget > 0
      ? `, ${usd(cost.usdPerActionEnabledBudget)} more an action-enabled one`
      : "";
  return `${head}; beyond ${tier} they cost ${usd(cost.usdPerMonth)}/month, shared evenly: ${usd(cost.usdPerBudget)} a budget${perAction}`;
}

export const leftOutText = (tenant: LeftOutTenant): string =>
  `${tenant.name} (${tenant.file}): ${tenant.reason}`;

/** `app=claims_chatbot, cost-center=CC-4100, dept=claims`: a tenant's tags, as a reviewer checks them. */
export const tagsText = (tags: Readonly<Record<string, string>>, marked: readonly string[] = []): string =>
  Object.entries(tags)
    .map(([key, value]) => `${marked.includes(key) ? "*" : ""}${key}=${value}`)
    .join(", ") || "none";

/** `tenants/claims.ts:7:3 tags: set the missing tag …`: where the author fixes a finding, and how. */
export const locationText = (location: FindingLocation): string =>
  `${location.file}:${location.line}:${location.column} ${location.field}: ${location.advice}`;
