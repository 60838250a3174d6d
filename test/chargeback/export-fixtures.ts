import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { LineItem } from "./scenario";

export type FixtureFile = "parquet" | "csv" | "csv.gz";
export type FixtureFormat = "cur2" | "focus";

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Writes line items as a CUR 2.0 or FOCUS export with DuckDB, in the column names and types of the
 * AWS table dictionaries: maps in Parquet, JSON objects in CSV (as AWS writes them).
 */
export async function writeExport(
  directory: string,
  name: string,
  items: readonly LineItem[],
  format: FixtureFormat,
  file: FixtureFile,
  /** Prefix of the tag keys: `user_` in CUR 2.0; none in FOCUS unless given. */
  tagPrefix = format === "cur2" ? "user_" : "",
): Promise<string> {
  const target = path.join(directory, `${name}.${file}`);
  const source = path.join(directory, `${name}.items.json`);
  fs.writeFileSync(
    source,
    JSON.stringify(
      items.map((item) => ({ tenant: null, environment: null, profile: null, resourceId: null, ...item })),
    ),
  );
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    // Fixtures state UTC days, as AWS does, whatever the machine's zone.
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(
      `CREATE TABLE items AS SELECT * FROM read_json(${quote(source)}, columns = {account: 'VARCHAR', service: 'VARCHAR', usageType: 'VARCHAR', tenant: 'VARCHAR', environment: 'VARCHAR', profile: 'VARCHAR', resourceId: 'VARCHAR', usd: 'DOUBLE', day: 'DATE'})`,
    );
    const map = (expression: string) => (file === "parquet" ? expression : `to_json(${expression})`);
    const tags = (prefix: string) =>
      map(
        `map_from_entries(list_filter([{'k': '${prefix}tenant', 'v': tenant}, {'k': '${prefix}environment', 'v': environment}, {'k': '${prefix}profile', 'v': profile}], x -> x.v IS NOT NULL))`,
      );
    const select =
      format === "cur2"
        ? `SELECT 'Usage' AS line_item_line_item_type, account AS line_item_usage_account_id,
             day::TIMESTAMP AS line_item_usage_start_date, (day + 1)::TIMESTAMP AS line_item_usage_end_date,
             CASE WHEN service = 'Amazon Bedrock' THEN 'AmazonBedrock' ELSE 'prod-' || md5(service)[1:12] END AS line_item_product_code,
             usageType AS line_item_usage_type, coalesce(resourceId, '') AS line_item_resource_id,
             usd AS line_item_unblended_cost, ${map("map(['product_name'], [service])")} AS product,
             ${tags(tagPrefix)} AS resource_tags
           FROM items`
        : `SELECT account AS SubAccountId, day::TIMESTAMPTZ AS ChargePeriodStart, (day + 1)::TIMESTAMPTZ AS ChargePeriodEnd,
             usd AS BilledCost, usd AS EffectiveCost, service AS ServiceName,
             CASE WHEN service = 'Amazon Bedrock' THEN 'AmazonBedrock' ELSE 'prod-' || md5(service)[1:12] END AS x_ServiceCode,
             usageType AS x_UsageType, resourceId AS ResourceId, ${tags(tagPrefix)} AS Tags
           FROM items`;
    const options =
      file === "parquet"
        ? "FORMAT parquet"
        : `FORMAT csv, HEADER true${file === "csv.gz" ? ", COMPRESSION gzip" : ""}`;
    await connection.run(`COPY (${select}) TO ${quote(target)} (${options})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(source);
  }
  return target;
}
