/**
 * Where each fact lives in the two Data Exports tables, and how tags are spelled in each.
 *
 * CUR 2.0 (AWS Data Exports table dictionary, https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html):
 * - `line_item_unblended_cost` (double), `line_item_usage_account_id`, `line_item_usage_start_date`,
 *   `line_item_usage_type`, `line_item_product_code` (`AmazonBedrock`), `line_item_resource_id`.
 * - `product` is a map<string,string>; the service's name is its `product_name` key
 *   (table-dictionary-cur2-product: "any product column that appeared in legacy CUR ... appears in this map").
 * - `resource_tags` is a map<string,string> of activated cost allocation tags
 *   (table-dictionary-cur2-resource-tags); user-defined keys carry the `user_` prefix of legacy CUR's
 *   `resource_tags_user_<key>` columns, so the `tenant` tag is `resource_tags['user_tenant']`.
 *   In CSV exports map columns arrive as JSON objects.
 *
 * FOCUS 1.0/1.2 with AWS columns (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws-columns.html):
 * - `BilledCost` (double, "the basis for invoicing"; `EffectiveCost` amortises commitments, which an
 *   invoice-based chargeback must not), `SubAccountId` (the usage account), `ChargePeriodStart`,
 *   `ServiceName`, `x_ServiceCode`, `x_UsageType`, `ResourceId`.
 * - `Tags` is a map in Parquet and a JSON object in CSV (turbot/tailpipe-plugin-aws parses it with
 *   json.Unmarshal). The pages read for this tool do not show how AWS spells a user tag key there, so
 *   both `tenant` and `user:tenant` are read (the first that has a value wins).
 */
export type ExportFormat = "cur2" | "focus";

export interface ExportSchema {
  format: ExportFormat;
  /** Columns that must exist for a file to be read as this format. */
  required: string[];
  account: string;
  cost: string;
  usageStart: string;
  usageType?: string;
  resourceId: string;
  /** SQL for the service name, given the available columns. */
  service: (has: (column: string) => boolean, access: MapAccess) => string;
  tagColumn: string;
  /** The keys a user tag `name` may have in `tagColumn`, in order of preference. */
  tagKeys: (name: string) => string[];
}

/** Reads `key` of a map column (Parquet) or a JSON object column (CSV). */
export type MapAccess = (column: string, key: string) => string;

export const cur2Schema: ExportSchema = {
  format: "cur2",
  required: ["line_item_unblended_cost", "line_item_usage_account_id", "line_item_usage_start_date"],
  account: "line_item_usage_account_id",
  cost: "line_item_unblended_cost",
  usageStart: "line_item_usage_start_date",
  usageType: "line_item_usage_type",
  resourceId: "line_item_resource_id",
  service: (has, access) => {
    const code = has("line_item_product_code") ? `"line_item_product_code"` : "NULL";
    return has("product") ? `coalesce(nullif(${access("product", "product_name")}, ''), ${code})` : code;
  },
  tagColumn: "resource_tags",
  tagKeys: (name) => [`user_${name}`],
};

export const focusSchema: ExportSchema = {
  format: "focus",
  required: ["BilledCost", "SubAccountId", "ChargePeriodStart", "ServiceName"],
  account: "SubAccountId",
  cost: "BilledCost",
  usageStart: "ChargePeriodStart",
  usageType: "x_UsageType",
  resourceId: "ResourceId",
  service: (has) =>
    has("x_ServiceCode") ? `coalesce(nullif("ServiceName", ''), "x_ServiceCode")` : `"ServiceName"`,
  tagColumn: "Tags",
  tagKeys: (name) => [name, `user:${name}`],
};

export const exportSchemas = [cur2Schema, focusSchema];
