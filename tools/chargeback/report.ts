import type { CostBasis } from "./cost-basis";

/** The chargeback report: what every renderer draws and what `--format json` prints as is. */
export interface ChargebackReport {
  stack: string;
  month: string;
  currency: "USD";
  /** `cost-explorer`, `cur2` or `focus`. */
  source: string;
  /** The month has ended; false means month-to-date figures plus a forecast. */
  complete: boolean;
  /** The cost counted: `net` (the default), `unblended`, `amortized` or `net-amortized` (cost-basis.ts). */
  costBasis: CostBasis;
  /**
   * How line items are assigned to the month: `billing` (the billing period they are invoiced in,
   * the default) or `usage` (their usage date; Cost Explorer, which has no billing-period filter).
   */
  periodBasis: "billing" | "usage";
  /** Bedrock usage in the stack's accounts, whoever it belongs to (usage lines only). */
  totalBedrockUsd: number;
  /**
   * Tax, credits, refunds, discounts, fees and corrections on Bedrock in the stack's accounts, by
   * line item type (FOCUS: charge category): never charged to a tenant.
   */
  adjustments: { usd: number; byType: Array<{ type: string; usd: number }> };
  /** totalBedrockUsd + adjustments.usd: the invoice's Bedrock total for the stack's accounts. */
  invoiceBedrockUsd: number;
  tenants: TenantSpend[];
  unattributed: { usd: number; share: number; top: UnattributedContributor[] };
  unknownTenants: Array<{ tenant: string; bedrockUsd: number }>;
  /**
   * Tagged with a tenant but not with this stack's environment (another environment sharing the
   * account, or no environment tag): in the total, charged to no tenant of this stack.
   */
  otherEnvironmentsUsd: number;
  /** How `forecastUsd` was made (month in progress only). */
  forecastMethod?: string;
  /** The stack's mandatory tag keys (`mandatoryTags`), the chargeback keys of the CSV's columns. */
  mandatoryTags: string[];
  /** What the source could not do, said plainly. */
  notes: string[];
}

export interface TenantSpend {
  tenant: string;
  bedrockUsd: number;
  budgetUsd: number;
  budgetUsedPercent: number;
  /** Forecast for the whole month (month in progress only). */
  forecastUsd?: number;
  /** Per profile, with `--by-profile`. */
  profiles?: ProfileSpend[];
  /** The tenant's cost tags from its tenant file (the stack's mandatory tags: dept, team, cost-center, ...). */
  tags: Record<string, string>;
}

export interface ProfileSpend {
  /** The profile's name (its `profile` tag), or the ARN's id when the tag is not in the billing data. */
  profile: string;
  arn: string;
  /** The tenant file's model for that profile, or null when the profile is not one of the tenant's. */
  model: string | null;
  usd: number;
}

export interface UnattributedContributor {
  account: string;
  service: string;
  usageType: string;
  usd: number;
}

export const exitCodes = { written: 0, overBudget: 1, invalidInput: 2 } as const;

export function isOverBudget(tenant: TenantSpend): boolean {
  return tenant.bedrockUsd > tenant.budgetUsd;
}

/** 1 when a tenant spent more than its budget or the untagged share passed the chosen limit; else 0. */
export function exitCodeOf(report: ChargebackReport, maxUnattributedPercent?: number): 0 | 1 {
  if (report.tenants.some(isOverBudget)) return exitCodes.overBudget;
  if (maxUnattributedPercent !== undefined && report.unattributed.share * 100 > maxUnattributedPercent)
    return exitCodes.overBudget;
  return exitCodes.written;
}

/** Over-budget tenants first, then by spend, then by name: the order every human format uses. */
export function tenantsInReadingOrder(report: ChargebackReport): TenantSpend[] {
  return [...report.tenants].sort(
    (a, b) =>
      Number(isOverBudget(b)) - Number(isOverBudget(a)) ||
      b.bedrockUsd - a.bedrockUsd ||
      a.tenant.localeCompare(b.tenant),
  );
}
