import { type CheckReport, summarize } from "./report";

/** The machine-readable report: the documented shape, plus the plan, quota warnings and timing. */
export function renderJson(report: CheckReport): string {
  return `${JSON.stringify(
    {
      stack: report.stack,
      source: report.source,
      resources: report.resources.map(({ urn, type, name }) => ({ urn, type, name })),
      violations: report.violations.map(({ policyPack, policyName, enforcementLevel, message, urn }) => ({
        policyPack,
        policyName,
        enforcementLevel,
        message,
        urn: urn ?? null,
      })),
      errors: report.errors,
      summary: summarize(report),
      plan: report.plan ? { accounts: report.plan.accounts } : null,
      quotaWarnings: report.plan?.quotaWarnings ?? [],
      org: report.org ?? null,
      policyPack: report.policyPack ?? null,
      durationMs: Math.round(report.durationMs),
      timings: report.timings
        ? Object.fromEntries(Object.entries(report.timings).map(([phase, ms]) => [phase, Math.round(ms)]))
        : null,
    },
    null,
    2,
  )}\n`;
}
