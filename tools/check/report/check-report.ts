import type { InputError } from "../../../src/validation";
import { byText } from "./format";
import type { OrgPlan } from "../plan/org-summary";
import type { PlanSummary } from "../plan/summary";
import type { PlannedResource } from "../plan/planned-resource";
import type { ReportDiff } from "./report-diff";
import type { FindingLocation } from "./finding-locations";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One policy finding, as the Analyzer protocol reports it. */
export interface Violation {
  policyPack: string;
  policyName: string;
  enforcementLevel: EnforcementLevel;
  message: string;
  urn?: string;
  description?: string;
  /** Where the author fixes it (report/finding-locations.ts); absent until located. */
  location?: FindingLocation;
}

/** A policy of the pack and the level it judged with (after `--policy-config`). */
export interface PolicyLevel {
  name: string;
  enforcementLevel: EnforcementLevel;
  /** As the pack describes the policy (GetAnalyzerInfo): SARIF's rule text. */
  description?: string;
  remediationSteps?: string;
}

/** What the report says of each planned resource (the plan and org summaries say the rest). */
export type ReportedResource = Pick<PlannedResource, "urn" | "type" | "name">;

/** Everything a check found out; the renderers only format it. */
export interface CheckReport {
  stack: string;
  /** `program`: the program run under mocks; `state`: a stack export. */
  source: "program" | "state";
  resources: ReportedResource[];
  plan?: PlanSummary;
  /** The org stack's payer-account plan (tools/check/plan/org-summary.ts); absent for environment stacks. */
  org?: OrgPlan;
  violations: Violation[];
  /** Problems that stopped the check before a verdict (bad input of any kind): rendered alike, in order. */
  errors: InputError[];
  /** Findings that do not stop the check (printed on standard error by the CLI). */
  warnings?: InputError[];
  policyPack?: { name: string; version: string };
  /** Every policy of the pack with its level; empty when nothing reached the pack. */
  policies: PolicyLevel[];
  /** Tenant name → its file, as shown to users (from the program's tenants; none for a stack export). */
  tenantFiles?: Record<string, string>;
  /** With `--compare BASE.json`: what changes against the base commit's report. */
  diff?: ReportDiff;
  /** From command start to verdict. */
  durationMs: number;
  /** Where the time went, in milliseconds (phases overlap: the pack starts while the plan is built). */
  timings?: { planMs: number; packStartMs: number; judgeAfterPlanMs: number; preflightMs?: number };
}

export interface CheckSummary {
  resources: number;
  tenants: number;
  profiles: number;
  mandatoryViolations: number;
  advisoryViolations: number;
  monthlyBudgetUsd: number;
  governanceUsdPerMonth: number;
}

/** `remediate` fixes and proceeds in the engine, so it does not block; only mandatory does. */
export const blocks = (violation: Violation): boolean => violation.enforcementLevel === "mandatory";

export function summarize(report: CheckReport): CheckSummary {
  return {
    resources: report.resources.length,
    tenants: report.plan?.tenants ?? 0,
    profiles: report.plan?.profiles ?? 0,
    mandatoryViolations: report.violations.filter(blocks).length,
    advisoryViolations: report.violations.filter((violation) => violation.enforcementLevel === "advisory")
      .length,
    monthlyBudgetUsd: report.plan?.monthlyBudgetUsd ?? 0,
    governanceUsdPerMonth: report.plan?.governanceUsdPerMonth ?? 0,
  };
}

/**
 * The outcome, in the order it is decided: bad input stops everything; a pack with every policy
 * disabled (or none at all) judged nothing, which is not a pass; then mandatory violations fail.
 */
export type Verdict = "invalid-input" | "nothing-judged" | "fail" | "pass";

export function verdictOf(report: CheckReport): Verdict {
  if (report.errors.length > 0) return "invalid-input";
  if (enabledPolicies(report).length === 0) return "nothing-judged";
  return report.violations.some(blocks) ? "fail" : "pass";
}

export const enabledPolicies = (report: CheckReport): PolicyLevel[] =>
  report.policies.filter((policy) => policy.enforcementLevel !== "disabled");

/**
 * Exit codes: 0 passes, 1 a mandatory violation remains, 2 the input is invalid (nothing was judged),
 * 3 the input was valid but no policy was enabled to judge it. 3 is not 0 so that a CI gate cannot
 * read "every policy switched off" as a pass; it is not 2 because nothing in the input is wrong.
 */
export const exitCodes = { pass: 0, violations: 1, invalidInput: 2, nothingJudged: 3 } as const;

const exitCodeOfVerdict: Record<Verdict, number> = {
  "invalid-input": exitCodes.invalidInput,
  "nothing-judged": exitCodes.nothingJudged,
  fail: exitCodes.violations,
  pass: exitCodes.pass,
};

export function exitCodeOf(report: CheckReport): number {
  return exitCodeOfVerdict[verdictOf(report)];
}

export interface PolicyGroup {
  policyName: string;
  enforcementLevel: EnforcementLevel;
  violations: Violation[];
}

/** Violations grouped by policy, mandatory policies first. */
export function violationsByPolicy(violations: readonly Violation[]): PolicyGroup[] {
  const groups = new Map<string, PolicyGroup>();
  for (const violation of violations) {
    const key = `${violation.enforcementLevel}/${violation.policyName}`;
    const group = groups.get(key) ?? {
      policyName: violation.policyName,
      enforcementLevel: violation.enforcementLevel,
      violations: [],
    };
    group.violations.push(violation);
    groups.set(key, group);
  }
  const rank = (level: EnforcementLevel) => (level === "mandatory" ? 0 : level === "remediate" ? 1 : 2);
  return [...groups.values()].sort(
    (a, b) => rank(a.enforcementLevel) - rank(b.enforcementLevel) || byText(a.policyName, b.policyName),
  );
}

/** The resource part of a URN (`type::name`), short enough to read in a line. */
export function shortUrn(urn: string | undefined): string {
  if (!urn) return "(stack)";
  const parts = urn.split("::");
  const type = parts[2]?.split("$").pop() ?? "";
  return `${type}::${parts[3] ?? ""}`;
}
