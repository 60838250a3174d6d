import type { PlannedResource } from "../plan/planned-resource";
import { checkAcrossResources } from "./cross-resource";
import type { PreflightIssue } from "./issue";
import { checkMembers } from "./member-checks";
import { indexPlan } from "./plan-index";
import { checkQuotas } from "./quota-checks";
import { scpLimitProblems } from "./scp-limits";
import { organizationsPolicy } from "../../../src/aws-types/organizations-policy";

export { type PreflightIssue, issueMessage } from "./issue";
export { preflightErrors } from "./origins";

/**
 * The AWS preflight: what AWS would refuse, or accept and then not deliver, in a plan that mocks
 * accept. One index of the plan, then one pass over its resources; each check is a few map
 * lookups and regex tests per input, so it stays linear in the plan.
 */
export function preflight(resources: readonly PlannedResource[]): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const index = indexPlan(resources);
  const seenGrants = new Set<string>();
  const inlinePolicySizeByRole = new Map<string, { size: number; resource: PlannedResource }>();
  for (const resource of resources) {
    if (!resource.custom) continue;
    checkMembers(resource, issues);
    checkQuotas(resource, inlinePolicySizeByRole, issues);
    checkAcrossResources(resource, index, issues, seenGrants);
  }
  // Organizations' SCP size and per-target limits (the org stack's; tools/check/preflight/scp-limits.ts).
  const scpProblems = scpLimitProblems(resources);
  if (scpProblems.length > 0) {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    for (const { urn, message } of scpProblems) {
      const resource = byUrn.get(urn);
      issues.push({
        urn,
        type: resource?.type ?? "",
        name: resource?.name ?? urn,
        input: resource?.type === organizationsPolicy.type ? "content" : "targetId",
        rule: `AWS Organizations would reject it: ${message}`,
        value: resource?.type === organizationsPolicy.type ? resource.inputs.name : resource?.inputs.targetId,
      });
    }
  }
  return issues;
}
