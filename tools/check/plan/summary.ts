import type { PlanAccount, PlanBudget, PlanProfile, PlanSummary, PlanTenant } from "./summary-shape";
import type { LeftOutTenant } from "../../../src/left-out-tenants";
import { type PlanAlarm, readAlarm } from "./alarm";
import { type AccountBudgetCost, accountBudgetCost, budgetShare } from "./costs";
import { type LocatedResource, quotaWarnings } from "./quotas";
import {
  type AccountRef,
  accountOfResource,
  budgetTenant,
  notificationThresholds,
  profileModel,
  tagsOf,
  unknownAccount,
} from "./read-resource";
import { byText } from "../report/format";
import type { PlannedResource } from "./planned-resource";
import { resourceTypes } from "../../../src/resource-types";
import { budget as budgetSpec } from "../../../src/aws-types/budget";
import { budgetAction } from "../../../src/aws-types/budget-action";
import { inferenceProfile } from "../../../src/aws-types/inference-profile";
import { metricAlarm } from "../../../src/aws-types/metric-alarm";

export type { PlanAlarm } from "./alarm";
export type { AccountBudgetCost } from "./costs";
export type { LeftOutTenant } from "../../../src/left-out-tenants";
export { tagsOf } from "./read-resource";
export type { PlanAccount, PlanBudget, PlanProfile, PlanSummary, PlanTenant } from "./summary-shape";

/** Tenant parts found in the resources, each with the account it acts in. */
interface TenantParts {
  where: AccountRef;
  tenant: string;
}

/** The plan's summary (summary-shape.ts), read from the resources alone. */
export function summarizePlan(
  resources: readonly PlannedResource[],
  leftOut: readonly LeftOutTenant[] = [],
): PlanSummary {
  const located = locate(resources);
  const budgetCosts = budgetCostsPerAccount(located);
  const accounts = groupByAccount(
    readProfiles(located),
    readBudgets(located, actionEnabledBudgetNames(resources)),
    readTenantAlarms(located),
    new Map(budgetCosts.map((cost) => [cost.accountId, cost])),
  );
  const tenants = accounts.flatMap((account) => account.tenants);
  return {
    accounts,
    tenants: new Set(tenants.map((tenant) => tenant.name)).size,
    profiles: sum(tenants, (tenant) => tenant.profiles.length),
    monthlyBudgetUsd: round2(sum(tenants, (tenant) => tenant.budget?.monthlyUsd ?? 0)),
    governanceUsdPerMonth: round2(sum(tenants, (tenant) => tenant.governanceUsdPerMonth)),
    quotaWarnings: quotaWarnings(located, budgetCosts),
    leftOut: [...leftOut].sort((a, b) => byText(a.name, b.name)),
  };
}

/**
 * Where each resource acts. A resource whose provider names no account and whose outputs have no
 * ARN (a budget, an alarm of a hand-written export) acts where the other resources of the same
 * provider do: the provider is the account, as in the program.
 */
function locate(resources: readonly PlannedResource[]): LocatedResource[] {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const located = resources.map((resource) => ({ resource, where: accountOfResource(resource, byUrn) }));
  const knownByProvider = new Map<string, AccountRef>();
  for (const { resource, where } of located) {
    if (resource.provider && where.accountId !== unknownAccount.accountId)
      knownByProvider.set(resource.provider, knownByProvider.get(resource.provider) ?? where);
  }
  return located.map((entry) => {
    const known = entry.resource.provider ? knownByProvider.get(entry.resource.provider) : undefined;
    return entry.where.accountId === unknownAccount.accountId && known ? { ...entry, where: known } : entry;
  });
}

function readProfiles(
  located: readonly LocatedResource[],
): Array<TenantParts & { profile: PlanProfile; tags: Record<string, string> }> {
  return located
    .filter(
      ({ resource }) =>
        resource.type === inferenceProfile.type || resource.type === resourceTypes.nativeInferenceProfile,
    )
    .map(({ resource, where }) => {
      const { inputs } = resource;
      const tags = tagsOf(inputs);
      const tenant = tags.tenant ?? "(untagged)";
      return {
        where,
        tenant,
        tags,
        profile: {
          tenant,
          name: tags.profile ?? resource.name,
          awsName: String(inputs.name ?? inputs.inferenceProfileName ?? resource.name),
          ...profileModel(inputs),
          ...(typeof inputs.description === "string" ? { description: inputs.description } : {}),
          protect: resource.protect,
          alarms: [],
          urn: resource.urn,
        },
      };
    });
}

/** Budgets a budget action names: with `onExceed: "deny"`. */
function actionEnabledBudgetNames(resources: readonly PlannedResource[]): Set<string> {
  return new Set(
    resources
      .filter((resource) => resource.type === budgetAction.type)
      .map((resource) => String(resource.inputs.budgetName)),
  );
}

function budgetName(resource: PlannedResource): string {
  return String(resource.inputs.name ?? resource.name);
}

function readBudgets(
  located: readonly LocatedResource[],
  actionEnabled: ReadonlySet<string>,
): Array<TenantParts & { budget: PlanBudget; tags: Record<string, string> }> {
  return located.flatMap(({ resource, where }) => {
    const tenant = resource.type === budgetSpec.type ? budgetTenant(resource.inputs) : undefined;
    if (!tenant) return [];
    const name = budgetName(resource);
    const budget: PlanBudget = {
      name,
      monthlyUsd: Number(resource.inputs.limitAmount ?? 0),
      alertAtPercent: notificationThresholds(resource.inputs, "ACTUAL"),
      forecastAtPercent: notificationThresholds(resource.inputs, "FORECASTED")[0],
      onExceed: actionEnabled.has(name) ? "deny" : "notify",
    };
    return [{ where, tenant, budget, tags: tagsOf(resource.inputs) }];
  });
}

function readTenantAlarms(
  located: readonly LocatedResource[],
): Array<TenantParts & { profile?: string; alarm: PlanAlarm }> {
  return located.flatMap(({ resource, where }) => {
    const tags = resource.type === metricAlarm.type ? tagsOf(resource.inputs) : {};
    if (!tags.tenant) return [];
    const alarm = readAlarm(String(resource.inputs.name ?? resource.name), resource.inputs);
    return [{ where, tenant: tags.tenant, profile: tags.profile, alarm }];
  });
}

/** Every budget of each account counts against its free tier, a tenant's or not. */
function budgetCostsPerAccount(located: readonly LocatedResource[]): AccountBudgetCost[] {
  const actionEnabled = actionEnabledBudgetNames(located.map(({ resource }) => resource));
  const counts = new Map<string, { where: AccountRef; budgets: number; actionEnabled: number }>();
  for (const { resource, where } of located) {
    if (resource.type !== budgetSpec.type) continue;
    const count = counts.get(where.accountId) ?? { where, budgets: 0, actionEnabled: 0 };
    count.budgets += 1;
    if (actionEnabled.has(budgetName(resource))) count.actionEnabled += 1;
    counts.set(where.accountId, count);
  }
  return [...counts.values()]
    .map(({ where, budgets, actionEnabled: actions }) => accountBudgetCost(where, budgets, actions))
    .sort((a, b) => byText(a.label, b.label));
}

/** Accounts sorted by label, their tenants by name, each tenant's alarms on its profiles. */
function groupByAccount(
  profiles: ReadonlyArray<TenantParts & { profile: PlanProfile; tags: Record<string, string> }>,
  budgets: ReadonlyArray<TenantParts & { budget: PlanBudget; tags: Record<string, string> }>,
  alarms: ReadonlyArray<TenantParts & { profile?: string; alarm: PlanAlarm }>,
  budgetCosts: ReadonlyMap<string, AccountBudgetCost>,
): PlanAccount[] {
  const accounts = new Map<string, { where: AccountRef; tenants: Map<string, PlanTenant> }>();
  const tenantOf = ({ where, tenant }: TenantParts): PlanTenant => {
    const key = `${where.accountId}/${where.region}`;
    const account = accounts.get(key) ?? { where, tenants: new Map<string, PlanTenant>() };
    accounts.set(key, account);
    const found = account.tenants.get(tenant) ?? {
      name: tenant,
      tags: {},
      profiles: [],
      alarms: 0,
      otherAlarms: [],
      governanceUsdPerMonth: 0,
    };
    account.tenants.set(tenant, found);
    return found;
  };
  for (const part of profiles) {
    const tenant = tenantOf(part);
    tenant.profiles.push(part.profile);
    if (tenant.profiles.length === 1) tenant.tags = withoutProfileTags(part.tags);
  }
  // The budget carries the tenant's tags as they are (src/components/tenant/budget.ts): they win.
  for (const part of budgets) Object.assign(tenantOf(part), { budget: part.budget, tags: part.tags });
  for (const part of alarms) {
    const tenant = tenantOf(part);
    const profile = tenant.profiles.find((candidate) => candidate.name === part.profile);
    (profile?.alarms ?? tenant.otherAlarms).push(part.alarm);
    tenant.alarms += 1;
    tenant.governanceUsdPerMonth += part.alarm.usdPerMonth;
  }
  return [...accounts.values()]
    .map(({ where, tenants }) => {
      const budgetCost = budgetCosts.get(where.accountId);
      return {
        ...where,
        budgetCost,
        tenants: [...tenants.values()]
          .map((tenant) => finishTenant(tenant, budgetCost))
          .sort((a, b) => byText(a.name, b.name)),
      };
    })
    .sort((a, b) => byText(a.label, b.label));
}

/** Alarms in a fixed order, and the tenant's share of its account's budgets added to its cost. */
function finishTenant(tenant: PlanTenant, budgetCost: AccountBudgetCost | undefined): PlanTenant {
  const budgetUsd = tenant.budget ? budgetShare(budgetCost, tenant.budget.onExceed) : 0;
  return {
    ...tenant,
    // Registrations complete in no fixed order: alarms by name, so the plan reads the same each run.
    profiles: tenant.profiles.map((profile) => ({ ...profile, alarms: byName(profile.alarms) })),
    otherAlarms: byName(tenant.otherAlarms),
    // In cents, so that the total is the sum of the figures the reports show.
    governanceUsdPerMonth: round2(tenant.governanceUsdPerMonth + budgetUsd),
  };
}

/** A profile's tags are its tenant's plus `profile` and `model` (src/components/tenant/inference-profile.ts). */
function withoutProfileTags(tags: Record<string, string>): Record<string, string> {
  const { profile: _profile, model: _model, ...tenantTags } = tags;
  return tenantTags;
}

const byName = (alarms: readonly PlanAlarm[]): PlanAlarm[] =>
  [...alarms].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
