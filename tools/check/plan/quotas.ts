import { awsLimits } from "../../../src/catalog";
import { integer } from "../report/format";
import type { AccountBudgetCost } from "./costs";
import type { AccountRef } from "./read-resource";
import type { PlannedResource } from "./planned-resource";
import { anomalyMonitor } from "../../../src/aws-types/anomaly-monitor";
import { costAllocationTag } from "../../../src/aws-types/cost-allocation-tag";
import { inferenceProfile } from "../../../src/aws-types/inference-profile";

export interface LocatedResource {
  resource: PlannedResource;
  where: AccountRef;
}

/** Quotas a plan would exceed, each naming the account (and Region) and what to do. */
export function quotaWarnings(
  located: readonly LocatedResource[],
  budgetCosts: readonly AccountBudgetCost[],
): string[] {
  const profiles = countBy(located, inferenceProfile.type, (where) => `${where.accountId}/${where.region}`);
  const monitors = countBy(located, anomalyMonitor.type, (where) => where.accountId);
  return [
    ...firstDeployWarnings(located),
    ...[...profiles.values()]
      .filter(({ count }) => count > awsLimits.applicationProfilesPerAccountRegion)
      .map(
        ({ where, count }) =>
          `${where.label} in ${where.region}: ${integer(count)} application inference profiles, over the default quota of ${integer(awsLimits.applicationProfilesPerAccountRegion)} per account and Region (raise it in Service Quotas or split the stack per account)`,
      ),
    ...[...monitors.values()]
      .filter(({ count }) => count > awsLimits.customAnomalyMonitorsPerAccount)
      .map(
        ({ where, count }) =>
          `${where.label}: ${integer(count)} custom anomaly monitors, over the quota of ${awsLimits.customAnomalyMonitorsPerAccount} per payer account (lower maxAnomalyMonitors so tenants share monitors)`,
      ),
    ...budgetCosts
      .filter(({ budgets }) => budgets > awsLimits.budgetsPerAccount)
      .map(
        ({ accountId, budgets }) =>
          `account ${accountId}: ${integer(budgets)} budgets, over the quota of ${integer(awsLimits.budgetsPerAccount)} per account`,
      ),
  ];
}

/** AWS refuses to activate a key it has not yet seen in billing data (terraform-provider-aws#29068). */
function firstDeployWarnings(located: readonly LocatedResource[]): string[] {
  const activatedKeys = located
    .filter(({ resource }) => resource.type === costAllocationTag.type && resource.inputs.status === "Active")
    .map(({ resource }) => String(resource.inputs.tagKey));
  if (activatedKeys.length === 0) return [];
  return [
    `first deploy: activating the cost allocation tags ${activatedKeys.join(", ")} fails until each key has appeared in billing data (up to 24 hours after the first tagged resource); in a new organisation deploy the org stack once with activateTags: false, then set it to true (docs/operations.md, "First deploy of a new organisation")`,
  ];
}

function countBy(
  located: readonly LocatedResource[],
  type: string,
  keyOf: (where: AccountRef) => string,
): Map<string, { where: AccountRef; count: number }> {
  const counts = new Map<string, { where: AccountRef; count: number }>();
  for (const { resource, where } of located) {
    if (resource.type !== type) continue;
    const key = keyOf(where);
    const entry = counts.get(key) ?? { where, count: 0 };
    counts.set(key, { where: entry.where, count: entry.count + 1 });
  }
  return counts;
}
