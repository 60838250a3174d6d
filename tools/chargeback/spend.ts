/**
 * One aggregated amount of spend, as every source hands it to the attribution rules. Sources
 * aggregate (Cost Explorer by its groups, Data Exports in DuckDB), so the rules see thousands of
 * rows, never millions.
 */
export interface SpendRow {
  /** The billing period `YYYY-MM` (or usage month with `--period-basis usage`); undefined for a one-month source. */
  period?: string;
  /**
   * Undefined for a usage line; otherwise the adjustment's type (Tax, Credit, Refund, EdpDiscount,
   * Correction, ...: charge-types.ts), never charged to a tenant.
   */
  chargeType?: string;
  /** The usage account (12 digits). */
  account: string;
  /** Service name; undefined when the source has already kept only Bedrock services (Cost Explorer). */
  service?: string;
  usageType?: string;
  /** `tenant` tag value; undefined or "" when the line item carries none. */
  tenant?: string;
  /** `environment` tag value; undefined or "" when absent. */
  environment?: string;
  /** The resource id column: for Bedrock, the application inference profile ARN when one was used. */
  resourceId?: string;
  /** `profile` tag value, when the export carries it (the key must be activated for cost allocation). */
  profileTag?: string;
  usd: number;
}

/** What a source returns for one month. */
export interface SpendData {
  /** `cost-explorer`, or `cur2` / `focus` with the files read. */
  source: string;
  rows: SpendRow[];
  /** Per-profile rows (`resourceId` set), when `--by-profile` was asked and the source has them. */
  profileRows?: SpendRow[];
  /** Per-tenant forecast for the whole month (month in progress only). */
  forecastUsd?: Map<string, number>;
  /** How the forecast was made, for the label. */
  forecastMethod?: string;
  /** `usage` when the source cannot choose months by billing period (Cost Explorer). */
  periodBasis?: "billing" | "usage";
  /** Plain statements about what the source could not do (shown in every format). */
  notes: string[];
}
