import { awsLimits } from "../../../src/catalog";
import { serviceControlPolicyMaxCharacters } from "../../../src/scp/limits";
import type { PlannedResource } from "./planned-resource";
import { resourceTypes } from "../../../src/resource-types";
import { anomalyMonitor } from "../../../src/aws-types/anomaly-monitor";
import { anomalySubscription } from "../../../src/aws-types/anomaly-subscription";
import { costAllocationTag } from "../../../src/aws-types/cost-allocation-tag";
import { organizationsPolicy } from "../../../src/aws-types/organizations-policy";
import { organizationsPolicyAttachment } from "../../../src/aws-types/organizations-policy-attachment";

/**
 * What an org stack's plan means to its readers: the anomaly monitors against the payer's quota,
 * the tag activations (and whether each is retained on delete), and the SCPs with their targets.
 * Derived from the resources alone, like the tenant plan; a separate piece so the renderers only
 * add its lines.
 */
export interface OrgPlan {
  anomalyMonitors: { count: number; quota: number; tenants: number; subscriptions: number };
  costAllocationTags: Array<{ tagKey: string; retainOnDelete?: boolean }>;
  /** Empty when the stack manages no SCPs (`serviceControlPolicies.manage: false`). */
  serviceControlPolicies: Array<{ name: string; characters: number; targets: string[] }>;
}

/** The org plan, or undefined for a stack that is not an org stack. */
export function summarizeOrgPlan(resources: readonly PlannedResource[]): OrgPlan | undefined {
  if (!resources.some((resource) => resource.type === resourceTypes.organizationGuardrails)) return undefined;
  const ofType = (type: string) => resources.filter((resource) => resource.type === type);
  const watched = new Set<string>();
  for (const monitor of ofType(anomalyMonitor.type)) {
    try {
      const specification = JSON.parse(String(monitor.inputs.monitorSpecification)) as {
        Tags?: { Values?: unknown };
      };
      const values = specification.Tags?.Values;
      if (Array.isArray(values)) for (const value of values) watched.add(String(value));
    } catch {
      // a specification that is not JSON watches no tenant the plan can name
    }
  }
  const attachments = ofType(organizationsPolicyAttachment.type);
  return {
    anomalyMonitors: {
      count: ofType(anomalyMonitor.type).length,
      quota: awsLimits.customAnomalyMonitorsPerAccount,
      tenants: watched.size,
      subscriptions: ofType(anomalySubscription.type).length,
    },
    costAllocationTags: ofType(costAllocationTag.type).map((tag) => ({
      tagKey: String(tag.inputs.tagKey),
      retainOnDelete: tag.retainOnDelete,
    })),
    serviceControlPolicies: ofType(organizationsPolicy.type).map((scp) => ({
      name: String(scp.inputs.name ?? scp.name),
      characters: String(scp.inputs.content ?? "").length,
      targets: attachments
        .filter((attachment) =>
          (attachment.propertyDependencies.policyId ?? attachment.dependencies).includes(scp.urn),
        )
        .map((attachment) => String(attachment.inputs.targetId))
        .sort(),
    })),
  };
}

/** The org plan as report lines (text and markdown share them: plain sentences). */
export function orgPlanLines(org: OrgPlan): string[] {
  const { anomalyMonitors: monitors } = org;
  const lines = [
    `Payer account: ${monitors.count} of ${monitors.quota} custom anomaly monitors (${monitors.tenants} tenants across every governed environment), ${monitors.subscriptions} subscriptions`,
  ];
  lines.push(
    org.costAllocationTags.length === 0
      ? "  cost allocation tags: none activated (activateTags: false, the first deploy of a new organisation)"
      : `  cost allocation tags activated: ${org.costAllocationTags
          .map((tag) => `${tag.tagKey}${tag.retainOnDelete === false ? " (NOT retained on delete)" : ""}`)
          .join(
            ", ",
          )}${org.costAllocationTags.every((tag) => tag.retainOnDelete) ? " (each retained on delete)" : ""}`,
  );
  if (org.serviceControlPolicies.length === 0) {
    lines.push(
      "  service control policies: none in this stack (serviceControlPolicies.manage: false; they are managed elsewhere)",
    );
  }
  for (const scp of org.serviceControlPolicies) {
    lines.push(
      `  SCP ${scp.name} (${scp.characters.toLocaleString("en-US")} of ${serviceControlPolicyMaxCharacters.toLocaleString("en-US")} characters) attached to ${scp.targets.length > 0 ? scp.targets.join(", ") : "nothing"}`,
    );
  }
  return lines;
}
