import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { bedrockServiceSql } from "./bedrock-services";
import { type ExportFileKind, exportFiles } from "./export-files";
import { type ExportSchema, type MapAccess, exportSchemas } from "./export-schemas";
import type { BillingMonth } from "./month";
import { SourceError } from "./source-error";
import type { SpendData, SpendRow } from "./spend";

export interface DataExportQuery {
  files: readonly string[];
  month: BillingMonth;
  /** Only these usage accounts are read (the stack's). */
  accounts: readonly string[];
  byProfile: boolean;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Reads CUR 2.0 or FOCUS exports with DuckDB and returns Bedrock spend in the stack's accounts,
 * aggregated by account, service, usage type and tags in SQL: millions of line items come back as
 * one row per group.
 */
export async function readDataExports(query: DataExportQuery): Promise<SpendData> {
  const groups = exportFiles(query.files);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const rows: SpendRow[] = [];
    const profileRows: SpendRow[] = [];
    const formats = new Set<string>();
    for (const [kind, files] of groups) {
      // Each file is classified on its own: one directory may hold CUR 2.0 and FOCUS exports side by side.
      const byFormat = new Map<ExportSchema, string[]>();
      for (const file of files) {
        const schema = schemaOf(await describe(connection, relationOf(kind, [file]), [file]), [file]);
        byFormat.set(schema, [...(byFormat.get(schema) ?? []), file]);
      }
      for (const [schema, sameFormat] of byFormat) {
        const relation = relationOf(kind, sameFormat);
        const columns = await describe(connection, relation, sameFormat);
        formats.add(schema.format);
        const aggregated = await aggregate(connection, relation, columns, schema, query);
        rows.push(...aggregated.rows);
        profileRows.push(...aggregated.profileRows);
      }
    }
    return {
      source: [...formats].sort().join("+"),
      rows,
      ...(query.byProfile ? { profileRows } : {}),
      notes: [],
    };
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`--cur: cannot read the export: ${(error as Error).message}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * CSV is read as text (account ids keep their leading zeros; AWS writes maps as JSON), and the
 * figures are cast where they are used. `union_by_name` lets months with different columns mix.
 */
function relationOf(kind: ExportFileKind, files: readonly string[]): string {
  const list = `[${files.map(quote).join(", ")}]`;
  return kind === "parquet"
    ? `read_parquet(${list}, union_by_name = true)`
    : `read_csv(${list}, header = true, all_varchar = true, union_by_name = true)`;
}

async function describe(connection: DuckDBConnection, relation: string, files: readonly string[]) {
  try {
    const result = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
    return new Map(
      result.getRowObjectsJson().map((row) => [String(row.column_name), String(row.column_type)]),
    );
  } catch (error) {
    throw new SourceError(`--cur: ${files.join(", ")}: ${(error as Error).message}`);
  }
}

function schemaOf(columns: ReadonlyMap<string, string>, files: readonly string[]): ExportSchema {
  const schema = exportSchemas.find((candidate) => candidate.required.every((column) => columns.has(column)));
  if (schema) return schema;
  const wanted = exportSchemas.map((candidate) => `${candidate.format}: ${candidate.required.join(", ")}`);
  throw new SourceError(
    `--cur: ${files.join(", ")}: neither a CUR 2.0 nor a FOCUS export (expected the columns ${wanted.join("; or ")})`,
  );
}

async function aggregate(
  connection: DuckDBConnection,
  relation: string,
  columns: ReadonlyMap<string, string>,
  schema: ExportSchema,
  query: DataExportQuery,
): Promise<{ rows: SpendRow[]; profileRows: SpendRow[] }> {
  const has = (column: string) => columns.has(column);
  const access: MapAccess = (column, key) =>
    columns.get(column)?.startsWith("MAP(")
      ? `${ident(column)}[${quote(key)}]`
      : `json_extract_string(${ident(column)}, ${quote(`$."${key}"`)})`;
  const tag = (name: string) =>
    has(schema.tagColumn)
      ? `coalesce(${schema
          .tagKeys(name)
          .map((key) => `nullif(${access(schema.tagColumn, key)}, '')`)
          .join(", ")})`
      : "NULL";
  const text = (column: string | undefined) => (column && has(column) ? `${ident(column)}::VARCHAR` : "NULL");
  const start = ident(schema.usageStart);
  // Billing days are UTC days. A Parquet timestamp "adjusted to UTC" arrives as TIMESTAMPTZ, compared
  // with a UTC instant (the session is UTC too); text (CSV) compares on its ISO date prefix.
  const startType = columns.get(schema.usageStart) ?? "";
  const bound = (day: string) =>
    startType.includes("WITH TIME ZONE")
      ? `TIMESTAMPTZ ${quote(`${day} 00:00:00+00`)}`
      : `TIMESTAMP ${quote(day)}`;
  const inMonth = /TIMESTAMP|DATE/.test(startType)
    ? `${start} >= ${bound(query.month.start)} AND ${start} < ${bound(query.month.end)}`
    : `left(${start}, 10) >= ${quote(query.month.start)} AND left(${start}, 10) < ${quote(query.month.end)}`;
  const accounts = query.accounts.length > 0 ? query.accounts.map(quote).join(", ") : "NULL";
  const keys = "account, service, usage_type, tenant, environment";
  // With --by-profile, one scan feeds both groupings (GROUPING SETS): a second scan of the line
  // items would double the time.
  const profileKeys = "account, service, tenant, environment, resource_id, profile";
  const groupBy = query.byProfile ? `GROUPING SETS ((${keys}), (${profileKeys}))` : keys;
  const sql = `
    WITH items AS (
      SELECT ${text(schema.account)} AS account,
             ${schema.service(has, access)} AS service,
             ${text(schema.usageType)} AS usage_type,
             ${tag("tenant")} AS tenant,
             ${tag("environment")} AS environment,
             ${query.byProfile ? `${text(schema.resourceId)} AS resource_id, ${tag("profile")} AS profile,` : ""}
             TRY_CAST(${ident(schema.cost)} AS DOUBLE) AS usd
      FROM ${relation}
      WHERE ${inMonth} AND ${text(schema.account)} IN (${accounts})
    )
    SELECT account, service, usage_type, tenant, environment,
           ${query.byProfile ? "resource_id, profile, GROUPING(resource_id) = 0 AS per_resource," : ""}
           sum(usd) AS usd
    FROM items
    WHERE ${bedrockServiceSql("service")}
    GROUP BY ${groupBy}
    ${query.byProfile ? "HAVING GROUPING(resource_id) = 1 OR coalesce(resource_id, '') <> ''" : ""}`;
  const result = await connection.runAndReadAll(sql);
  const rows: SpendRow[] = [];
  const profileRows: SpendRow[] = [];
  const optional = (value: unknown) => (value == null ? undefined : String(value));
  for (const row of result.getRowObjectsJson()) {
    const common = {
      account: String(row.account),
      service: String(row.service),
      tenant: optional(row.tenant),
      environment: optional(row.environment),
      usd: Number(row.usd ?? 0),
    };
    if (row.per_resource === true)
      profileRows.push({ ...common, resourceId: String(row.resource_id), profileTag: optional(row.profile) });
    else rows.push({ ...common, usageType: optional(row.usage_type) });
  }
  return { rows, profileRows };
}
