import type { StackConfig } from "../../src/config";
import type { StackTenant } from "../../src/stack-tenants";
import { isBedrockService } from "./bedrock-services";
import { isUnclassifiedChargeType } from "./charge-types";
import type { CostBasis } from "./cost-basis";
import type { ChargebackReport, ProfileSpend, TenantSpend, UnattributedContributor } from "./report";
import type { SpendData, SpendRow } from "./spend";

export interface AttributionInput {
  stack: string;
  month: string;
  complete: boolean;
  config: StackConfig;
  tenants: readonly StackTenant[];
  spend: SpendData;
  byProfile: boolean;
  costBasis: CostBasis;
  periodBasis: ChargebackReport["periodBasis"];
}

/** How many untagged contributors the report lists. */
export const topContributorCount = 10;

/**
 * The accounts of the report: the stack's accounts, or the one account of a split stack
 * (`accountScope`), whose other accounts belong to sibling stacks.
 */
export function stackAccountIds(config: StackConfig): Set<string> {
  const aliases = config.accountScope ? [config.accountScope] : Object.keys(config.accounts);
  return new Set(aliases.map((alias) => config.accounts[alias].accountId));
}

/** A row counts when it is Bedrock spend (own or Marketplace edition) in one of the stack's accounts. */
function inScope(row: SpendRow, accounts: ReadonlySet<string>): boolean {
  return accounts.has(row.account) && (row.service === undefined || isBedrockService(row.service));
}

const tagValue = (value: string | undefined) =>
  value === undefined || value.trim() === "" ? undefined : value;

/**
 * The rules of the report, applied to aggregated rows from any source. Adjustments (tax, credits,
 * refunds, discounts, fees, corrections: rows with a `chargeType`) are summed by type and charged
 * to no one; usage lines follow these rules:
 * - no `tenant` tag: unattributed (the leak), with its largest contributors;
 * - a `tenant` tag and this stack's `environment` tag: that tenant's spend, or an unknown tenant's
 *   when no tenant file has that name;
 * - a `tenant` tag with another (or no) environment: counted in the total, charged to no one here.
 */
export function attribute(input: AttributionInput): ChargebackReport {
  const accounts = stackAccountIds(input.config);
  const environment = input.config.environment;
  const known = new Map(input.tenants.map((tenant) => [tenant.name, tenant]));
  const spentByTenant = new Map<string, number>();
  const unknown = new Map<string, number>();
  const contributors = new Map<string, UnattributedContributor>();
  let total = 0;
  let unattributed = 0;
  let otherEnvironments = 0;
  const adjustments = new Map<string, number>();
  let tagged = 0;

  for (const row of input.spend.rows) {
    if (!inScope(row, accounts)) continue;
    if (row.chargeType !== undefined) {
      adjustments.set(row.chargeType, (adjustments.get(row.chargeType) ?? 0) + row.usd);
      continue;
    }
    total += row.usd;
    if (tagValue(row.tenant) !== undefined) tagged += 1;
    const tenant = tagValue(row.tenant);
    if (tenant === undefined) {
      unattributed += row.usd;
      const key = JSON.stringify([row.account, row.service ?? "", row.usageType ?? ""]);
      const entry = contributors.get(key) ?? {
        account: row.account,
        service: row.service ?? "",
        usageType: row.usageType ?? "",
        usd: 0,
      };
      entry.usd += row.usd;
      contributors.set(key, entry);
    } else if (tagValue(row.environment) !== environment) {
      otherEnvironments += row.usd;
    } else if (known.has(tenant)) {
      spentByTenant.set(tenant, (spentByTenant.get(tenant) ?? 0) + row.usd);
    } else {
      unknown.set(tenant, (unknown.get(tenant) ?? 0) + row.usd);
    }
  }

  const profiles = input.byProfile ? profilesByTenant(input, accounts, known) : undefined;
  const tenants: TenantSpend[] = input.tenants.map((tenant) => {
    const bedrockUsd = spentByTenant.get(tenant.name) ?? 0;
    const budgetUsd = tenant.budget.monthlyUsd;
    const forecastUsd = input.spend.forecastUsd?.get(tenant.name);
    return {
      tenant: tenant.name,
      bedrockUsd,
      budgetUsd,
      budgetUsedPercent: budgetUsd > 0 ? (bedrockUsd / budgetUsd) * 100 : 0,
      ...(!input.complete && forecastUsd !== undefined ? { forecastUsd } : {}),
      ...(profiles ? { profiles: profiles.get(tenant.name) ?? [] } : {}),
      tags: tenant.tags,
    };
  });

  const adjustmentsUsd = [...adjustments.values()].reduce((sum, usd) => sum + usd, 0);
  return {
    stack: input.stack,
    month: input.month,
    currency: "USD",
    source: input.spend.source,
    complete: input.complete,
    costBasis: input.costBasis,
    periodBasis: input.periodBasis,
    totalBedrockUsd: total,
    tenants,
    unattributed: {
      usd: unattributed,
      share: total > 0 ? unattributed / total : 0,
      top: [...contributors.values()]
        .sort(
          (a, b) =>
            b.usd - a.usd ||
            a.account.localeCompare(b.account) ||
            a.service.localeCompare(b.service) ||
            a.usageType.localeCompare(b.usageType),
        )
        .slice(0, topContributorCount),
    },
    unknownTenants: [...unknown]
      .map(([tenant, bedrockUsd]) => ({ tenant, bedrockUsd }))
      .sort((a, b) => b.bedrockUsd - a.bedrockUsd || a.tenant.localeCompare(b.tenant)),
    otherEnvironmentsUsd: otherEnvironments,
    ...(!input.complete && input.spend.forecastMethod ? { forecastMethod: input.spend.forecastMethod } : {}),
    adjustments: {
      usd: adjustmentsUsd,
      byType: [...adjustments]
        .map(([type, usd]) => ({ type, usd }))
        .sort((a, b) => a.type.localeCompare(b.type)),
    },
    invoiceBedrockUsd: total + adjustmentsUsd,
    mandatoryTags: input.config.mandatoryTags,
    notes: [...input.spend.notes, ...attributionNotes(input.month, total, tagged, [...adjustments.keys()])],
  };
}

/** What the figures cannot say by themselves: a month without a single tagged usage line, a charge type no table knows. */
function attributionNotes(
  month: string,
  usageUsd: number,
  taggedRows: number,
  chargeTypes: string[],
): string[] {
  const notes: string[] = [];
  if (usageUsd !== 0 && taggedRows === 0)
    notes.push(
      `${month}: no Bedrock usage line carries the tenant tag, so all of it is unattributed; check that the tenant and environment keys are activated as cost allocation tags in the payer account (docs/operations.md#cost-allocation-tags-where-and-when) and that the export carries them`,
    );
  for (const type of chargeTypes.filter(isUnclassifiedChargeType).sort())
    notes.push(
      `${month}: line item type "${type}" is not one the report knows; it is counted as an adjustment, charged to no tenant`,
    );
  return notes;
}

/**
 * Per tenant, spend per resource id (the application inference profile ARN). The profile's name is
 * its `profile` tag when the billing data has it; otherwise the ARN's last segment (the profile id).
 */
function profilesByTenant(
  input: AttributionInput,
  accounts: ReadonlySet<string>,
  known: ReadonlyMap<string, StackTenant>,
): Map<string, ProfileSpend[]> {
  const byTenant = new Map<string, Map<string, ProfileSpend>>();
  for (const row of input.spend.profileRows ?? []) {
    const tenantName = tagValue(row.tenant);
    if (row.chargeType !== undefined) continue;
    if (!inScope(row, accounts) || tenantName === undefined || !known.has(tenantName)) continue;
    if (tagValue(row.environment) !== input.config.environment) continue;
    const arn = row.resourceId ?? "";
    const profiles = byTenant.get(tenantName) ?? new Map<string, ProfileSpend>();
    byTenant.set(tenantName, profiles);
    const name = tagValue(row.profileTag) ?? (arn.split("/").pop() || "(no resource id)");
    const entry = profiles.get(arn) ?? {
      profile: name,
      arn,
      model: known.get(tenantName)?.profiles.find((profile) => profile.name === name)?.model ?? null,
      usd: 0,
    };
    entry.usd += row.usd;
    profiles.set(arn, entry);
  }
  return new Map(
    [...byTenant].map(([tenant, profiles]) => [tenant, [...profiles.values()].sort((a, b) => b.usd - a.usd)]),
  );
}
