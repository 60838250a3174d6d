import { performance } from "node:perf_hooks";
import type { LeftOutTenant } from "../../../src/left-out-tenants";
import type { StackTenant } from "../../../src/stack-tenants";
import type { InputError } from "../../../src/validation";
import type { StackEncoder } from "../analyzer/stack-encoder";
import type { RequestSink } from "../analyzer/stack-analysis";
import { type OrgPlan, summarizeOrgPlan } from "../plan/org-summary";
import { type PlanSummary, summarizePlan } from "../plan/summary";
import type { PlannedResource } from "../plan/planned-resource";
import { preflight, preflightErrors } from "../preflight";
import type { ReportedResource } from "../report/check-report";

/**
 * What the check keeps of a planned stack once its resources are known: what the report says of
 * them, not the resources themselves (their AnalyzeStack request went to the analyzer). For the program it is made in
 * the program's worker, whose heap (the resources among it) is given back before the pack judges
 * the stack; for a stack export, beside the Analyzer client.
 */
export interface PlannedStack {
  stack: string;
  resources: ReportedResource[];
  plan?: PlanSummary;
  org?: OrgPlan;
  /** What AWS would refuse (the AWS preflight): the check stops there, as for bad input. */
  refused: InputError[];
  warnings: InputError[];
  preflightMs: number;
  /** Tenant name → its file, for pointing findings at it (absent for a stack export). */
  tenantFiles?: Record<string, string>;
}

/** What a plan knows besides its resources: the program's tenants (a stack export has none). */
export interface PlanInputs {
  tenants?: StackTenant[];
  leftOut?: LeftOutTenant[];
  warnings?: InputError[];
}

/**
 * The AWS preflight (only with the program's tenants, which name the resources' origins), the plan
 * and org summaries, and the AnalyzeStack request of `resources` (every one already added to
 * `encoder`), handed to `analyzeStack`. A refused plan has no summaries and no request.
 */
export function concludePlan(
  stack: string,
  resources: readonly PlannedResource[],
  inputs: PlanInputs,
  encoder: StackEncoder,
  analyzeStack: RequestSink["analyzeStack"],
): PlannedStack {
  const preflightStartedAt = performance.now();
  const refused = inputs.tenants ? preflightErrors(preflight(resources), inputs.tenants) : [];
  const preflightMs = performance.now() - preflightStartedAt;
  const planned = {
    stack,
    resources: resources.map(({ urn, type, name }) => ({ urn, type, name })),
    refused,
    warnings: inputs.warnings ?? [],
    preflightMs,
    ...(inputs.tenants
      ? { tenantFiles: Object.fromEntries(inputs.tenants.map((tenant) => [tenant.name, tenant.file])) }
      : {}),
  };
  if (refused.length > 0) return planned;
  analyzeStack(encoder.stackRequest(resources.map((resource) => resource.urn)));
  return { ...planned, plan: summarizePlan(resources, inputs.leftOut), org: summarizeOrgPlan(resources) };
}
