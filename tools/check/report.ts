import type { InputError } from "../../src/validation";
import type { OrgPlan } from "./org-plan";
import type { Plan } from "./plan";
import type { PlannedResource } from "./planned-resource";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One policy finding, as the Analyzer protocol reports it. */
export interface Violation {
  policyPack: string;
  policyName: string;
  enforcementLevel: EnforcementLevel;
  message: string;
  urn?: string;
  description?: string;
}

/** Everything a check found out; the renderers only format it. */
export interface CheckReport {
  stack: string;
  /** `program`: the program run under mocks; `state`: a stack export. */
  source: "program" | "state";
  resources: PlannedResource[];
  plan?: Plan;
  /** The org stack's payer-account plan (tools/check/org-plan.ts); absent for environment stacks. */
  org?: OrgPlan;
  violations: Violation[];
  errors: InputError[];
  policyPack?: { name: string; version: string };
  /** From command start to verdict. */
  durationMs: number;
  /** Where the time went, in milliseconds (phases overlap: the pack starts while the plan is built). */
  timings?: { planMs: number; packStartMs: number; judgeAfterPlanMs: number };
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

/** Exit codes: 0 passes, 1 a mandatory violation remains, 2 the input is invalid (nothing was judged). */
export const exitCodes = { pass: 0, violations: 1, invalidInput: 2 } as const;

export function exitCodeOf(report: CheckReport): number {
  if (report.errors.length > 0) return exitCodes.invalidInput;
  return report.violations.some(blocks) ? exitCodes.violations : exitCodes.pass;
}

/** Violations grouped by policy, mandatory policies first. */
export function violationsByPolicy(
  violations: readonly Violation[],
): Array<{ policyName: string; enforcementLevel: EnforcementLevel; violations: Violation[] }> {
  const groups = new Map<
    string,
    { policyName: string; enforcementLevel: EnforcementLevel; violations: Violation[] }
  >();
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
    (a, b) => rank(a.enforcementLevel) - rank(b.enforcementLevel) || a.policyName.localeCompare(b.policyName),
  );
}

export const usd = (value: number): string =>
  `$${value.toLocaleString("en-US", { minimumFractionDigits: value % 1 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`;

/** The resource part of a URN (`type::name`), short enough to read in a line. */
export function shortUrn(urn: string | undefined): string {
  if (!urn) return "(stack)";
  const parts = urn.split("::");
  const type = parts[2]?.split("$").pop() ?? "";
  return `${type}::${parts[3] ?? ""}`;
}
