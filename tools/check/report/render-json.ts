import { type CheckReport, exitCodeOf, summarize, verdictOf } from "./check-report";

/**
 * The machine-readable report: the documented shape, plus the verdict (`pass`, `fail`,
 * `invalid-input`, `nothing-judged`) and its exit code, the policies with their levels, the plan
 * (accounts with their tenants, profiles, alarms and budget cost; tenants left out), quota warnings
 * and timing, and with `--compare` the diff against the base. Always whole: only the markdown is shortened to fit a PR comment.
 */
export function renderJson(report: CheckReport): string {
  return `${JSON.stringify(jsonReport(report), null, 2)}\n`;
}

/** The JSON report as an object: what `renderJson` writes, and what the diff reads of this run. */
export function jsonReport(report: CheckReport) {
  return {
    stack: report.stack,
    source: report.source,
    verdict: verdictOf(report),
    exitCode: exitCodeOf(report),
    resources: report.resources.map(({ urn, type, name }) => ({ urn, type, name })),
    violations: report.violations.map(
      ({ policyPack, policyName, enforcementLevel, message, urn, location }) => ({
        policyPack,
        policyName,
        enforcementLevel,
        message,
        urn: urn ?? null,
        // Where to fix it: the tenant file's field or the stack config's key (report/finding-locations.ts).
        location: location ?? null,
      }),
    ),
    errors: report.errors,
    summary: summarize(report),
    plan: report.plan ? { accounts: report.plan.accounts, leftOut: report.plan.leftOut } : null,
    quotaWarnings: report.plan?.quotaWarnings ?? [],
    warnings: report.warnings ?? [],
    org: report.org ?? null,
    policyPack: report.policyPack ?? null,
    policies: report.policies,
    durationMs: Math.round(report.durationMs),
    timings: report.timings
      ? Object.fromEntries(Object.entries(report.timings).map(([phase, ms]) => [phase, Math.round(ms)]))
      : null,
    // With --compare: what the PR changes against the base report (tools/check/report/report-diff.ts).
    diff: report.diff ?? null,
  };
}
