import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { exportColumns } from "../fixtures/chargeback/export-columns";
import type { LineItem } from "./scenario";

export type FixtureFile = "parquet" | "csv" | "csv.gz";
export type FixtureFormat = "cur2" | "focus" | "focus-1.2";

export interface FixtureOptions {
  /** Prefix of the tag keys: `user_` in CUR 2.0; none in FOCUS unless given. */
  tagPrefix?: string;
  /** CUR 2.0's tag column: `resource_tags` (default), the newer `tags`, or none at all. */
  cur2TagColumn?: "resource_tags" | "tags" | "none";
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * FOCUS ChargeCategory for a CUR line item type, as the fixture maps it (FOCUS 1.0/1.2 allowed
 * values: Usage, Purchase, Tax, Credit, Adjustment); a refund of an earlier period is a Correction.
 */
const chargeCategorySql = `CASE WHEN lineType IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage') THEN 'Usage'
  WHEN lineType = 'Tax' THEN 'Tax' WHEN lineType IN ('Credit', 'Refund') THEN 'Credit' ELSE 'Adjustment' END`;

/**
 * Writes line items as a CUR 2.0 or FOCUS (1.0, or 1.2 without `x_UsageType`) export with DuckDB,
 * in the column names and types of the AWS table dictionaries and the FOCUS spec: maps in Parquet,
 * JSON objects in CSV (as AWS writes them), timestamps in UTC.
 */
export async function writeExport(
  directory: string,
  name: string,
  items: readonly LineItem[],
  format: FixtureFormat,
  file: FixtureFile,
  options: FixtureOptions = {},
): Promise<string> {
  fs.mkdirSync(directory, { recursive: true });
  const tagPrefix = options.tagPrefix ?? (format === "cur2" ? "user_" : "");
  const target = path.join(directory, `${name}.${file}`);
  const source = path.join(directory, `${name}.items.json`);
  fs.writeFileSync(
    source,
    JSON.stringify(
      items.map((item) => ({
        tenant: null,
        environment: null,
        profile: null,
        resourceId: null,
        lineType: "Usage",
        savingsPlanEffectiveUsd: null,
        ...item,
        netUsd: item.netUsd === null ? null : (item.netUsd ?? item.usd),
        billingPeriod: `${item.billingPeriod ?? item.day.slice(0, 7)}-01`,
      })),
    ),
  );
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(
      `CREATE TABLE items AS SELECT * FROM read_json(${quote(source)}, columns = {account: 'VARCHAR', service: 'VARCHAR', usageType: 'VARCHAR', tenant: 'VARCHAR', environment: 'VARCHAR', profile: 'VARCHAR', resourceId: 'VARCHAR', usd: 'DOUBLE', netUsd: 'DOUBLE', savingsPlanEffectiveUsd: 'DOUBLE', day: 'DATE', lineType: 'VARCHAR', billingPeriod: 'DATE'})`,
    );
    const map = (expression: string) => (file === "parquet" ? expression : `to_json(${expression})`);
    const tags = map(
      `map_from_entries(list_filter([{'k': '${tagPrefix}tenant', 'v': tenant}, {'k': '${tagPrefix}environment', 'v': environment}, {'k': '${tagPrefix}profile', 'v': profile}], x -> x.v IS NOT NULL))`,
    );
    const serviceCode = `CASE WHEN service = 'Amazon Bedrock' THEN 'AmazonBedrock' ELSE 'prod-' || md5(service)[1:12] END`;
    const cur2Tags = options.cur2TagColumn ?? "resource_tags";
    const select =
      format === "cur2"
        ? `SELECT 'Anniversary' AS bill_bill_type, billingPeriod::TIMESTAMP AS bill_billing_period_start_date,
             (billingPeriod + INTERVAL 1 MONTH)::TIMESTAMP AS bill_billing_period_end_date, '123456789012' AS bill_payer_account_id,
             lineType AS line_item_line_item_type, account AS line_item_usage_account_id,
             day::TIMESTAMP AS line_item_usage_start_date, (day + 1)::TIMESTAMP AS line_item_usage_end_date,
             ${serviceCode} AS line_item_product_code,
             usageType AS line_item_usage_type, coalesce(resourceId, '') AS line_item_resource_id,
             usd AS line_item_unblended_cost, netUsd AS line_item_net_unblended_cost,
             savingsPlanEffectiveUsd AS savings_plan_savings_plan_effective_cost,
             savingsPlanEffectiveUsd AS savings_plan_net_savings_plan_effective_cost,
             ${map("map(['product_name'], [service])")} AS product
             ${cur2Tags === "none" ? "" : `, ${tags} AS ${cur2Tags}`}
           FROM items`
        : `SELECT billingPeriod::TIMESTAMPTZ AS BillingPeriodStart, (billingPeriod + INTERVAL 1 MONTH)::TIMESTAMPTZ AS BillingPeriodEnd,
             ${chargeCategorySql} AS ChargeCategory,
             CASE WHEN lineType = 'Refund' AND strftime(day, '%Y-%m') <> strftime(billingPeriod, '%Y-%m') THEN 'Correction' END AS ChargeClass,
             account AS SubAccountId, day::TIMESTAMPTZ AS ChargePeriodStart, (day + 1)::TIMESTAMPTZ AS ChargePeriodEnd,
             netUsd AS BilledCost, netUsd AS EffectiveCost, usd AS ListCost, service AS ServiceName,
             ${serviceCode} AS x_ServiceCode,
             ${format === "focus" ? "usageType AS x_UsageType," : "usageType AS SkuMeter, 'Bedrock ' || usageType AS ChargeDescription, 'InvokeModel' AS x_Operation,"}
             resourceId AS ResourceId, ${tags} AS Tags
           FROM items`;
    // Every column of the real export, in its order: the ones written above, the rest null.
    const written = new Set(
      (await connection.runAndReadAll(`DESCRIBE ${select}`))
        .getRowObjectsJson()
        .map((row) => String(row.column_name)),
    );
    const padded = exportColumns[format]
      .filter((column) => !(column.name === "resource_tags" && cur2Tags !== "resource_tags"))
      .map((column) =>
        written.has(column.name)
          ? `"${column.name}"`
          : `${file === "parquet" || !column.type.startsWith("MAP") ? `CAST(NULL AS ${column.type})` : "CAST(NULL AS VARCHAR)"} AS "${column.name}"`,
      );
    const extra = [...written].filter(
      (name) => !exportColumns[format].some((column) => column.name === name),
    );
    const full = `SELECT ${[...padded, ...extra.map((name) => `"${name}"`)].join(", ")} FROM (${select})`;
    const copyOptions =
      file === "parquet"
        ? "FORMAT parquet"
        : `FORMAT csv, HEADER true${file === "csv.gz" ? ", COMPRESSION gzip" : ""}`;
    await connection.run(`COPY (${full}) TO ${quote(target)} (${copyOptions})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(source);
  }
  return target;
}
