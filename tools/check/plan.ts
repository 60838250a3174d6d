import { awsLimits, governancePrices } from "../../src/catalog";
import { type PlannedResource, decodeProviderInput } from "./planned-resource";

/**
 * What a plan means to the people who read it: per account and tenant, the profiles, the
 * budget and its thresholds, the alarms, and what the guardrails themselves cost. Derived
 * from the resources alone, so a stack export of any program summarises the same way.
 */
export interface PlanProfile {
  tenant: string;
  name: string;
  awsName: string;
  model: string;
  /** Geo of the system-defined cross-Region profile it copies, if any. */
  crossRegion?: string;
  urn: string;
}

export interface PlanBudget {
  name: string;
  monthlyUsd: number;
  alertAtPercent: number[];
  forecastAtPercent?: number;
  onExceed: "notify" | "deny";
}

export interface PlanTenant {
  name: string;
  profiles: PlanProfile[];
  budget?: PlanBudget;
  alarms: number;
  governanceUsdPerMonth: number;
}

export interface PlanAccount {
  /** Account alias where the provider's name tells it (`account-<alias>`), else the account id. */
  label: string;
  accountId: string;
  region: string;
  tenants: PlanTenant[];
}

export interface Plan {
  accounts: PlanAccount[];
  tenants: number;
  profiles: number;
  monthlyBudgetUsd: number;
  governanceUsdPerMonth: number;
  quotaWarnings: string[];
}

const types = {
  profile: "aws:bedrock/inferenceProfile:InferenceProfile",
  nativeProfile: "aws-native:bedrock:ApplicationInferenceProfile",
  budget: "aws:budgets/budget:Budget",
  budgetAction: "aws:budgets/budgetAction:BudgetAction",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  anomalyMonitor: "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  costAllocationTag: "aws:costexplorer/costAllocationTag:CostAllocationTag",
} as const;

const daysPerMonth = 365 / 12;
const unknownAccount = { label: "unknown account", accountId: "unknown", region: "unknown" };

export function summarizePlan(resources: readonly PlannedResource[]): Plan {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const accountOf = (resource: PlannedResource) => accountOfResource(resource, byUrn);

  const accounts = new Map<string, PlanAccount>();
  const tenantIn = (resource: PlannedResource, tenantName: string): PlanTenant => {
    const where = accountOf(resource);
    const key = `${where.accountId}/${where.region}`;
    let account = accounts.get(key);
    if (!account) accounts.set(key, (account = { ...where, tenants: [] }));
    let tenant = account.tenants.find((candidate) => candidate.name === tenantName);
    if (!tenant)
      account.tenants.push(
        (tenant = { name: tenantName, profiles: [], alarms: 0, governanceUsdPerMonth: 0 }),
      );
    return tenant;
  };

  const denyBudgets = new Set(
    resources
      .filter((resource) => resource.type === types.budgetAction)
      .map((resource) => String(resource.inputs.budgetName)),
  );
  const budgetsPerAccount = new Map<string, { budgets: number; actions: number }>();

  for (const resource of resources) {
    if (resource.type === types.profile || resource.type === types.nativeProfile) {
      const tags = tagsOf(resource.inputs);
      const copyFrom = String(
        (resource.inputs.modelSource as { copyFrom?: unknown } | undefined)?.copyFrom ??
          resource.inputs.modelSource ??
          "",
      );
      const systemProfile = /:inference-profile\/([a-z]+)\.(.+)$/.exec(copyFrom);
      const model = tags.model ?? systemProfile?.[2] ?? copyFrom.split("/").pop() ?? "";
      tenantIn(resource, tags.tenant ?? "(untagged)").profiles.push({
        tenant: tags.tenant ?? "(untagged)",
        name: tags.profile ?? resource.name,
        awsName: String(resource.inputs.name ?? resource.inputs.inferenceProfileName ?? resource.name),
        model,
        crossRegion: systemProfile?.[1],
        urn: resource.urn,
      });
    } else if (resource.type === types.budget) {
      const tenantName = budgetTenant(resource.inputs) ?? tagsOf(resource.inputs).tenant;
      const where = accountOf(resource);
      const count = budgetsPerAccount.get(where.accountId) ?? { budgets: 0, actions: 0 };
      const name = String(resource.inputs.name ?? resource.name);
      count.budgets += 1;
      if (denyBudgets.has(name)) count.actions += 1;
      budgetsPerAccount.set(where.accountId, count);
      if (!tenantName) continue;
      const notifications = Array.isArray(resource.inputs.notifications)
        ? (resource.inputs.notifications as Array<Record<string, unknown>>)
        : [];
      const thresholds = (type: string) =>
        notifications
          .filter((notification) => notification.notificationType === type)
          .map((notification) => Number(notification.threshold));
      const tenant = tenantIn(resource, tenantName);
      tenant.budget = {
        name,
        monthlyUsd: Number(resource.inputs.limitAmount ?? 0),
        alertAtPercent: thresholds("ACTUAL").sort((a, b) => a - b),
        forecastAtPercent: thresholds("FORECASTED")[0],
        onExceed: denyBudgets.has(name) ? "deny" : "notify",
      };
    } else if (resource.type === types.alarm) {
      const tenantName = tagsOf(resource.inputs).tenant;
      if (!tenantName) continue;
      const tenant = tenantIn(resource, tenantName);
      tenant.alarms += 1;
      tenant.governanceUsdPerMonth += alarmUsdPerMonth(resource.inputs);
    }
  }

  const sortedAccounts = [...accounts.values()].sort((a, b) => a.label.localeCompare(b.label));
  for (const account of sortedAccounts) {
    account.tenants.sort((a, b) => a.name.localeCompare(b.name));
    // The free budgets of an account are credited to its tenants in name order: what the next tenant costs is what matters.
    let budgetsSeen = 0;
    for (const tenant of account.tenants) {
      if (!tenant.budget) continue;
      budgetsSeen += 1;
      if (budgetsSeen > governancePrices.budgetsFreeBudgetsPerAccount) {
        tenant.governanceUsdPerMonth += governancePrices.budgetPerDayAfterFree * daysPerMonth;
        if (tenant.budget.onExceed === "deny")
          tenant.governanceUsdPerMonth += governancePrices.budgetActionEnabledPerDayAfterFree * daysPerMonth;
      }
    }
  }

  const allTenants = sortedAccounts.flatMap((account) => account.tenants);
  return {
    accounts: sortedAccounts,
    tenants: new Set(allTenants.map((tenant) => tenant.name)).size,
    profiles: allTenants.reduce((sum, tenant) => sum + tenant.profiles.length, 0),
    monthlyBudgetUsd: round2(allTenants.reduce((sum, tenant) => sum + (tenant.budget?.monthlyUsd ?? 0), 0)),
    governanceUsdPerMonth: round2(allTenants.reduce((sum, tenant) => sum + tenant.governanceUsdPerMonth, 0)),
    quotaWarnings: quotaWarnings(resources, accountOf, budgetsPerAccount),
  };
}

/** A metric-math alarm is billed per metric it reads; a plain alarm as one standard metric. */
function alarmUsdPerMonth(inputs: Record<string, unknown>): number {
  const queries = Array.isArray(inputs.metricQueries)
    ? (inputs.metricQueries as Array<Record<string, unknown>>)
    : [];
  const metrics = queries.filter((query) => query.metric !== undefined).length;
  return metrics > 0
    ? metrics * governancePrices.cloudwatchMetricMathAlarmPerMetricPerMonth
    : governancePrices.cloudwatchStandardAlarmPerMonth;
}

function quotaWarnings(
  resources: readonly PlannedResource[],
  accountOf: (resource: PlannedResource) => { label: string; accountId: string; region: string },
  budgetsPerAccount: Map<string, { budgets: number; actions: number }>,
): string[] {
  const warnings: string[] = [];
  const count = (type: string, keyOf: (where: ReturnType<typeof accountOf>) => string) => {
    const counts = new Map<string, { label: string; count: number }>();
    for (const resource of resources) {
      if (resource.type !== type) continue;
      const where = accountOf(resource);
      const key = keyOf(where);
      const entry = counts.get(key) ?? { label: `${where.label} in ${where.region}`, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return counts;
  };
  for (const { label, count: profiles } of count(
    types.profile,
    (where) => `${where.accountId}/${where.region}`,
  ).values()) {
    if (profiles > awsLimits.applicationProfilesPerAccountRegion) {
      warnings.push(
        `${label}: ${profiles} application inference profiles, over the default quota of ${awsLimits.applicationProfilesPerAccountRegion} per account and Region (raise it in Service Quotas or split the stack per account)`,
      );
    }
  }
  for (const { label, count: monitors } of count(types.anomalyMonitor, (where) => where.accountId).values()) {
    if (monitors > awsLimits.customAnomalyMonitorsPerAccount) {
      warnings.push(
        `${label.replace(/ in .*$/, "")}: ${monitors} custom anomaly monitors, over the quota of ${awsLimits.customAnomalyMonitorsPerAccount} per payer account (lower maxAnomalyMonitors so tenants share monitors)`,
      );
    }
  }
  const activatedKeys = resources
    .filter((resource) => resource.type === types.costAllocationTag && resource.inputs.status === "Active")
    .map((resource) => String(resource.inputs.tagKey));
  if (activatedKeys.length > 0) {
    // AWS refuses to activate a key it has not yet seen in billing data (terraform-provider-aws#29068).
    warnings.push(
      `first deploy: activating the cost allocation tags ${activatedKeys.join(", ")} fails until each key has appeared in billing data (up to 24 hours after the first tagged resource); in a new organisation deploy the org stack once with activateTags: false, then set it to true (docs/operations.md, "First deploy of a new organisation")`,
    );
  }
  for (const [accountId, { budgets }] of budgetsPerAccount) {
    if (budgets > awsLimits.budgetsPerAccount) {
      warnings.push(
        `account ${accountId}: ${budgets} budgets, over the quota of ${awsLimits.budgetsPerAccount} per account`,
      );
    }
  }
  return warnings;
}

/** The account and Region a resource acts in: its provider's, else what its ARN says. */
function accountOfResource(
  resource: PlannedResource,
  byUrn: Map<string, PlannedResource>,
): { label: string; accountId: string; region: string } {
  const providerUrn = resource.provider?.slice(0, resource.provider.lastIndexOf("::"));
  const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
  const arn = String(resource.outputs?.arn ?? "");
  const arnParts = arn.startsWith("arn:") ? arn.split(":") : [];
  const accountId =
    firstString(decodeProviderInput(provider?.inputs.allowedAccountIds)) ?? (arnParts[4] || undefined);
  const region =
    (typeof provider?.inputs.region === "string" ? provider.inputs.region : undefined) ??
    (arnParts[3] || undefined);
  if (!accountId) return { ...unknownAccount, region: region ?? unknownAccount.region };
  const alias = provider?.name.startsWith("account-") ? provider.name.slice("account-".length) : undefined;
  return { label: alias ? `${alias} (${accountId})` : accountId, accountId, region: region ?? "unknown" };
}

/** Tags in either shape: a map (aws) or a `{key, value}` list (aws-native). */
export function tagsOf(inputs: Record<string, unknown>): Record<string, string> {
  const tags = inputs.tags;
  if (Array.isArray(tags)) {
    return Object.fromEntries(
      tags
        .filter((tag): tag is { key: string; value: unknown } => typeof tag?.key === "string")
        .map((tag) => [tag.key, String(tag.value)]),
    );
  }
  if (tags && typeof tags === "object") {
    return Object.fromEntries(
      Object.entries(tags).filter(([, value]) => typeof value === "string"),
    ) as Record<string, string>;
  }
  return {};
}

function budgetTenant(inputs: Record<string, unknown>): string | undefined {
  const filters = Array.isArray(inputs.costFilters)
    ? (inputs.costFilters as Array<Record<string, unknown>>)
    : [];
  for (const filter of filters) {
    if (filter.name !== "TagKeyValue" || !Array.isArray(filter.values)) continue;
    for (const value of filter.values) {
      const match = /^user:tenant\$(.+)$/.exec(String(value));
      if (match) return match[1];
    }
  }
  return undefined;
}

function firstString(value: unknown): string | undefined {
  return Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
