import { scpSizeProblem, scpsPerTargetProblem } from "../../../src/scp/limits";
import type { PlannedResource } from "../plan/planned-resource";
import { organizationsPolicy } from "../../../src/aws-types/organizations-policy";
import { organizationsPolicyAttachment } from "../../../src/aws-types/organizations-policy-attachment";

/**
 * AWS Organizations' SCP limits over planned resources, for an AWS preflight: each
 * `SERVICE_CONTROL_POLICY` within 5,120 characters, and at most 5 SCPs per target counting the
 * plan's attachments and `otherPoliciesPerTarget` attached outside it (FullAWSAccess: 1). The org
 * stack refuses such config before planning; this catches any program's plan or a stack export.
 */
export function scpLimitProblems(
  resources: readonly PlannedResource[],
  otherPoliciesPerTarget = 1,
): Array<{ urn: string; message: string }> {
  const problems: Array<{ urn: string; message: string }> = [];
  const scps = resources.filter(
    (resource) =>
      resource.type === organizationsPolicy.type && resource.inputs.type === "SERVICE_CONTROL_POLICY",
  );
  for (const scp of scps) {
    const content = scp.inputs.content;
    if (typeof content !== "string") continue; // unknown until apply: judged when known
    const problem = scpSizeProblem(String(scp.inputs.name ?? scp.name), content);
    if (problem) problems.push({ urn: scp.urn, message: problem });
  }
  const scpUrns = new Set(scps.map((scp) => scp.urn));
  const perTarget = new Map<string, { urn: string; count: number }>();
  for (const attachment of resources.filter(
    (resource) => resource.type === organizationsPolicyAttachment.type,
  )) {
    const from = attachment.propertyDependencies.policyId ?? attachment.dependencies;
    if (!from.some((urn) => scpUrns.has(urn))) continue;
    const target = String(attachment.inputs.targetId);
    const entry = perTarget.get(target) ?? { urn: attachment.urn, count: 0 };
    entry.count += 1;
    perTarget.set(target, entry);
  }
  for (const [target, { urn, count }] of perTarget) {
    const problem = scpsPerTargetProblem(target, count, otherPoliciesPerTarget);
    if (problem) problems.push({ urn, message: problem });
  }
  return problems;
}
