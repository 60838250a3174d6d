import {
  cur2UsageLineItemTypes as cur2UsageTypes,
  focusCorrectionChargeClass,
  focusUsageChargeCategory,
} from "./charge-types";
import { type CostBasis, type CostExpression, cur2Cost, focusCost } from "./cost-basis";

/**
 * Where each fact lives in the two Data Exports tables, and how tags are spelled in each.
 *
 * CUR 2.0 (AWS Data Exports table dictionary, https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html):
 * - `line_item_usage_account_id`, `line_item_usage_start_date`, `line_item_usage_type`,
 *   `line_item_product_code` (`AmazonBedrock`), `line_item_resource_id`, `line_item_line_item_type`
 *   (usage or adjustment: charge-types.ts), the costs of cost-basis.ts, and
 *   `bill_billing_period_start_date`, the billing period a line item is invoiced in (a refund
 *   invoiced in December for November usage has a December billing period).
 * - `product` is a map<string,string>; the service's name is its `product_name` key
 *   (table-dictionary-cur2-product: "any product column that appeared in legacy CUR ... appears in this map").
 * - `resource_tags` is a map<string,string> of activated cost allocation tags
 *   (table-dictionary-cur2-resource-tags); user-defined keys carry the `user_` prefix of legacy CUR's
 *   `resource_tags_user_<key>` columns, so the `tenant` tag is `resource_tags['user_tenant']`. The
 *   newer `tags` column holds resource tags too ("you don't need to select this column if you
 *   selected the Tags column because resource tags are also included under the Tags column", same
 *   page); the pages read do not show its key spelling, so `user_tenant`, `user:tenant` and `tenant`
 *   are all read there, `resource_tags` first. In CSV exports map columns arrive as JSON objects.
 *
 * FOCUS 1.0/1.2 with AWS columns (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws-columns.html):
 * - `SubAccountId` (the usage account), `ChargePeriodStart`, `BillingPeriodStart`, `ChargeCategory`,
 *   `ChargeClass`, `ServiceName`, `x_ServiceCode`, `ResourceId`, `BilledCost`/`EffectiveCost`.
 * - The usage type is `x_UsageType` (FOCUS 1.0 with AWS columns); FOCUS 1.2's AWS columns have none,
 *   so it falls back to `SkuMeter` ("the functionality being metered", FOCUS 1.2 skumeter.md), then
 *   `ChargeDescription`, so untagged contributors are not merged into one line per service.
 * - `Tags` is a map in Parquet and a JSON object in CSV. The pages read for this tool do not show how
 *   AWS spells a user tag key there, so both `tenant` and `user:tenant` are read.
 */
export type ExportFormat = "cur2" | "focus";

export interface ExportSchema {
  format: ExportFormat;
  /** Columns that must exist for a file to be read as this format. */
  required: string[];
  account: string;
  usageStart: string;
  billingPeriodStart: string;
  /** Columns that may hold the usage type, first non-blank wins. */
  usageTypes: string[];
  resourceId: string;
  /** SQL for the service name, given the available columns. */
  service: (has: (column: string) => boolean, access: MapAccess) => string;
  /** SQL for the charge type: NULL for usage, the adjustment's type otherwise (charge-types.ts). */
  chargeType: (has: (column: string) => boolean) => string | undefined;
  /** The cost on a basis; throws a SourceError for a basis the format cannot give. */
  cost: (basis: CostBasis, has: (column: string) => boolean, file: string) => CostExpression;
  /** Map columns of activated cost allocation tags, in order of preference. */
  tagColumns: string[];
  /** The keys a user tag `name` may have in `column`, in order of preference. */
  tagKeys: (column: string, name: string) => string[];
}

/** Reads `key` of a map column (Parquet) or a JSON object column (CSV). */
export type MapAccess = (column: string, key: string) => string;

const inList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(", ");

export const cur2Schema: ExportSchema = {
  format: "cur2",
  required: ["line_item_unblended_cost", "line_item_usage_account_id", "line_item_usage_start_date"],
  account: "line_item_usage_account_id",
  usageStart: "line_item_usage_start_date",
  billingPeriodStart: "bill_billing_period_start_date",
  usageTypes: ["line_item_usage_type"],
  resourceId: "line_item_resource_id",
  service: (has, access) => {
    const code = has("line_item_product_code") ? `"line_item_product_code"` : "NULL";
    return has("product") ? `coalesce(nullif(${access("product", "product_name")}, ''), ${code})` : code;
  },
  chargeType: (has) =>
    has("line_item_line_item_type")
      ? `CASE WHEN "line_item_line_item_type" IN (${inList(cur2UsageTypes)}) THEN NULL ELSE coalesce(nullif("line_item_line_item_type", ''), '(blank line item type)') END`
      : undefined,
  cost: (basis, has) => cur2Cost(basis, has),
  tagColumns: ["resource_tags", "tags"],
  tagKeys: (column, name) =>
    column === "resource_tags" ? [`user_${name}`] : [`user_${name}`, `user:${name}`, name],
};

export const focusSchema: ExportSchema = {
  format: "focus",
  required: ["BilledCost", "SubAccountId", "ChargePeriodStart", "ServiceName"],
  account: "SubAccountId",
  usageStart: "ChargePeriodStart",
  billingPeriodStart: "BillingPeriodStart",
  usageTypes: ["x_UsageType", "SkuMeter", "ChargeDescription"],
  resourceId: "ResourceId",
  service: (has) =>
    has("x_ServiceCode") ? `coalesce(nullif("ServiceName", ''), "x_ServiceCode")` : `"ServiceName"`,
  chargeType: (has) => {
    if (!has("ChargeCategory")) return undefined;
    const correction = has("ChargeClass")
      ? `WHEN "ChargeClass" = '${focusCorrectionChargeClass}' THEN '${focusCorrectionChargeClass}' `
      : "";
    return `CASE ${correction}WHEN "ChargeCategory" = '${focusUsageChargeCategory}' THEN NULL ELSE coalesce(nullif("ChargeCategory", ''), '(blank charge category)') END`;
  },
  cost: (basis, _has, file) => focusCost(basis, file),
  tagColumns: ["Tags"],
  tagKeys: (_column, name) => [name, `user:${name}`],
};

export const exportSchemas = [cur2Schema, focusSchema];
