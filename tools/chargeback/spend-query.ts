import { bedrockServicePattern } from "./bedrock-services";
import type { CostBasis } from "./cost-basis";
import type { ExportSchema, MapAccess } from "./export-schemas";
import type { BillingMonth } from "./month";
import { SourceError } from "./source-error";
import type { SpendRow } from "./spend";

/**
 * The one query both engines run: DuckDB over local files, Trino (Amazon Athena) over the Glue
 * table. Only what differs is a dialect function: map access, timestamp literals, month formatting.
 * Everything else (filters, groupings, the usage/adjustment split) is the same text.
 */
export type Dialect = "duckdb" | "trino";
export type PeriodBasis = "billing" | "usage";

/** What a report reads from an export, whichever engine runs the query (DuckDB or Athena). */
export interface SpendQueryScope {
  /** The billing months to read (one for a report, several for a trend). */
  months: readonly BillingMonth[];
  /** Only these usage accounts are read (the stack's). */
  accounts: readonly string[];
  byProfile: boolean;
  costBasis: CostBasis;
  periodBasis: PeriodBasis;
  /** `--export NAME`: the one export to read where several cover a period (in Athena, a `report_name`). */
  exportName?: string;
}

export interface SpendQuerySpec {
  dialect: Dialect;
  /** A table function (DuckDB) or a qualified table name (Trino). */
  relation: string;
  /** Column name to type, as the engine describes them. */
  columns: ReadonlyMap<string, string>;
  schema: ExportSchema;
  /** The months, accounts, bases and export asked for (`exportName` is filtered on only through `exportColumn`). */
  scope: SpendQueryScope;
  /** A partition column holding `YYYY-MM` (Athena's `billing_period`): filtered on, so only those partitions are read. */
  partitionColumn?: string;
  /**
   * A partition column naming the export (the Glue table of AWS's dashboards has `report_name`):
   * grouped by, so two exports of one period in one table are seen, and filtered on with `exportName`.
   */
  exportColumn?: string;
  /** For messages: the files or the table. */
  label: string;
}

export interface SpendQuery {
  sql: string;
  /** What the export could not give exactly (missing columns), said in the report. */
  notes: string[];
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

const isMap = (type: string | undefined) => /^map/i.test(type ?? "");
const isTimestamp = (type: string | undefined) => /timestamp|date/i.test(type ?? "");
const hasZone = (type: string | undefined) => /with time zone|timestamptz/i.test(type ?? "");

/** Text that differs between DuckDB and Trino; nothing else does. */
const dialects = {
  duckdb: {
    mapKey: (column: string, key: string) => `${ident(column)}[${quote(key)}]`,
    jsonKey: (column: string, key: string) => `json_extract_string(${ident(column)}, ${quote(`$."${key}"`)})`,
    month: (expression: string) => `strftime(${expression}, '%Y-%m')`,
    matches: (expression: string, pattern: string) => `regexp_full_match(${expression}, ${quote(pattern)})`,
    instant: (day: string, zoned: boolean) =>
      zoned ? `TIMESTAMPTZ ${quote(`${day} 00:00:00+00`)}` : `TIMESTAMP ${quote(`${day} 00:00:00`)}`,
  },
  trino: {
    // element_at gives NULL for a missing key; map[key] fails the query in Trino.
    mapKey: (column: string, key: string) => `element_at(${ident(column)}, ${quote(key)})`,
    jsonKey: (column: string, key: string) =>
      `json_extract_scalar(${ident(column)}, ${quote(`$["${key}"]`)})`,
    month: (expression: string) => `date_format(${expression}, '%Y-%m')`,
    matches: (expression: string, pattern: string) => `regexp_like(${expression}, ${quote(pattern)})`,
    instant: (day: string, zoned: boolean) =>
      zoned ? `TIMESTAMP ${quote(`${day} 00:00:00 UTC`)}` : `TIMESTAMP ${quote(`${day} 00:00:00`)}`,
  },
} satisfies Record<Dialect, unknown>;

export function buildSpendQuery(spec: SpendQuerySpec): SpendQuery {
  const { schema, columns } = spec;
  const dialect = dialects[spec.dialect];
  const notes: string[] = [];
  const has = (column: string) => columns.has(column);
  const access: MapAccess = (column, key) =>
    isMap(columns.get(column)) ? dialect.mapKey(column, key) : dialect.jsonKey(column, key);
  const tagColumns = schema.tagColumns.filter(has);
  if (tagColumns.length === 0)
    throw new SourceError(
      `${spec.dialect === "duckdb" ? "--cur" : "--athena"}: ${spec.label}: the export has no tag column (${schema.tagColumns.join(" or ")}), so no line item can be charged to a tenant. Activate the tenant and environment keys as cost allocation tags (Billing console, Cost allocation tags, in the payer account) and add ${schema.tagColumns[0]} to the export's columns (docs/chargeback.md#data-exports-the---cur-source)`,
    );
  const tag = (name: string) =>
    `coalesce(${tagColumns
      .flatMap((column) => schema.tagKeys(column, name).map((key) => `nullif(${access(column, key)}, '')`))
      .join(", ")})`;
  const text = (column: string | undefined) =>
    column && has(column) ? `CAST(${ident(column)} AS VARCHAR)` : "NULL";
  const usageTypes = schema.usageTypes.filter(has);
  const usageType =
    usageTypes.length > 0
      ? `coalesce(${usageTypes.map((column) => `nullif(${text(column)}, '')`).join(", ")})`
      : "NULL";
  const chargeType = schema.chargeType(has);
  if (chargeType === undefined)
    notes.push(
      `${spec.label}: the export has no ${schema.format === "cur2" ? "line_item_line_item_type" : "ChargeCategory"} column, so tax, credits and refunds cannot be told from usage: every line is counted as usage`,
    );
  const cost = schema.cost(spec.scope.costBasis, has, spec.label);
  if (cost.note) notes.push(`${spec.label}: ${cost.note}`);

  let periodColumn = spec.scope.periodBasis === "billing" ? schema.billingPeriodStart : schema.usageStart;
  if (!has(periodColumn)) {
    notes.push(
      `${spec.label}: the export has no ${periodColumn} column: months are chosen by usage date (${schema.usageStart}) instead of billing period`,
    );
    periodColumn = schema.usageStart;
  }
  const periodType = columns.get(periodColumn);
  const first = spec.scope.months[0];
  const last = spec.scope.months[spec.scope.months.length - 1];
  const period = isTimestamp(periodType)
    ? dialect.month(ident(periodColumn))
    : `substr(${text(periodColumn)}, 1, 7)`;
  const span = isTimestamp(periodType)
    ? `${ident(periodColumn)} >= ${dialect.instant(first.start, hasZone(periodType))} AND ${ident(periodColumn)} < ${dialect.instant(last.end, hasZone(periodType))}`
    : `substr(${text(periodColumn)}, 1, 10) >= ${quote(first.start)} AND substr(${text(periodColumn)}, 1, 10) < ${quote(last.end)}`;
  const monthList = spec.scope.months.map((month) => quote(month.month)).join(", ");
  const partition =
    (spec.partitionColumn ? `${ident(spec.partitionColumn)} IN (${monthList}) AND ` : "") +
    (spec.exportColumn && spec.scope.exportName !== undefined
      ? `${ident(spec.exportColumn)} = ${quote(spec.scope.exportName)} AND `
      : "");
  const accounts = spec.scope.accounts.length > 0 ? spec.scope.accounts.map(quote).join(", ") : "NULL";

  const exportKey = spec.exportColumn ? "export_name, " : "";
  const keys = `${exportKey}period, account, service, usage_type, charge_type, tenant, environment`;
  // With --by-profile, one scan feeds both groupings (GROUPING SETS): a second scan of the line
  // items would double the time. Profiles are usage only.
  const profileKeys = `${exportKey}period, account, service, charge_type, tenant, environment, resource_id, profile`;
  const groupBy = spec.scope.byProfile ? `GROUPING SETS ((${keys}), (${profileKeys}))` : keys;
  const sql = `WITH items AS (
  SELECT ${spec.exportColumn ? `${text(spec.exportColumn)} AS export_name, ` : ""}${period} AS period,
         ${text(schema.account)} AS account,
         ${schema.service(has, access)} AS service,
         ${usageType} AS usage_type,
         ${chargeType ?? "CAST(NULL AS VARCHAR)"} AS charge_type,
         ${tag("tenant")} AS tenant,
         ${tag("environment")} AS environment,
         ${spec.scope.byProfile ? `${text(schema.resourceId)} AS resource_id, ${tag("profile")} AS profile,` : ""}
         ${cost.sql} AS usd
  FROM ${spec.relation}
  WHERE ${partition}${span} AND ${text(schema.account)} IN (${accounts})
)
SELECT ${keys},
       ${spec.scope.byProfile ? "resource_id, profile, GROUPING(resource_id) = 0 AS per_resource," : ""}
       sum(usd) AS usd
FROM items
WHERE period IN (${monthList}) AND ${dialect.matches("service", bedrockServicePattern)}
GROUP BY ${groupBy}
${spec.scope.byProfile ? "HAVING GROUPING(resource_id) = 1 OR (charge_type IS NULL AND coalesce(resource_id, '') <> '')" : ""}`;
  return { sql, notes };
}

/** The query's answer as spend rows: per-resource rows (GROUPING SETS' second set) apart. */
export function spendRowsOf(records: ReadonlyArray<Record<string, unknown>>): {
  rows: SpendRow[];
  profileRows: SpendRow[];
} {
  const rows: SpendRow[] = [];
  const profileRows: SpendRow[] = [];
  const optional = (value: unknown) => (value == null ? undefined : String(value));
  for (const record of records) {
    const chargeType = optional(record.charge_type);
    const common: SpendRow = {
      period: String(record.period),
      account: String(record.account),
      service: String(record.service),
      tenant: optional(record.tenant),
      environment: optional(record.environment),
      ...(chargeType !== undefined ? { chargeType } : {}),
      usd: Number(record.usd ?? 0),
    };
    const perResource = record.per_resource === true || record.per_resource === "true";
    if (perResource)
      profileRows.push({
        ...common,
        resourceId: String(record.resource_id),
        profileTag: optional(record.profile),
      });
    else rows.push({ ...common, usageType: optional(record.usage_type) });
  }
  return { rows, profileRows };
}
