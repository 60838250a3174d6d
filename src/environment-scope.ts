import { z } from "zod";

/**
 * Keys that once let an environment stack own payer-account resources. Cost allocation tags and
 * anomaly monitors belong to the payer account as a whole: a `pulumi destroy` of dev deactivated
 * `tenant` for the whole organisation, and each stack counted the 500-monitor quota on its own.
 * They now live in the org stack (`Pulumi.org.yaml`, src/org-config.ts); an environment stack
 * that still asks for them is refused with a message that says where they went.
 */
export const environmentScopeBillingKeys = {
  manage: z.boolean().optional(),
  activateTags: z.boolean().optional(),
};
export const environmentScopeTopLevelKeys = {
  maxAnomalyMonitors: z.unknown().optional(),
};

interface EnvironmentScopeKeys {
  billing: { manage?: boolean; activateTags?: boolean };
  maxAnomalyMonitors?: unknown;
}

const orgStack = "the org stack (Pulumi.org.yaml, scope: organization)";

export function refusePayerResources(config: EnvironmentScopeKeys, ctx: z.RefinementCtx): void {
  if (config.billing.manage === true) {
    ctx.addIssue({
      code: "custom",
      path: ["billing", "manage"],
      input: true,
      message: `an environment stack creates no payer-account resource: cost allocation tags and anomaly monitors belong to ${orgStack}; remove the key`,
    });
  }
  if (config.billing.activateTags !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["billing", "activateTags"],
      input: config.billing.activateTags,
      message: `cost allocation tags are activated by ${orgStack} (its activateTags); remove the key here`,
    });
  }
  if (config.maxAnomalyMonitors !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["maxAnomalyMonitors"],
      input: config.maxAnomalyMonitors,
      message: `anomaly monitors are created by ${orgStack}, which counts the payer's quota across every environment (its maxAnomalyMonitors); remove the key here`,
    });
  }
}
