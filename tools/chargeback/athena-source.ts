import { AthenaClient, GetTableMetadataCommand } from "@aws-sdk/client-athena";
import type { AthenaOptions } from "./args";
import { runAthenaQuery } from "./athena-query";
import { oneExportPerPeriod } from "./export-overlap";
import { exportSchemas } from "./export-schemas";
import { SourceError, awsErrorLine } from "./source-error";
import { type SpendQueryScope, buildSpendQuery, ident, spendRowsOf } from "./spend-query";
import type { SpendData } from "./spend";

export type AthenaSpendQuery = SpendQueryScope;

/** The Glue Data Catalog's name in Athena, its default catalog. */
export const defaultCatalog = "AwsDataCatalog";
/**
 * The partition column of the Data Exports table that AWS Glue creates for CUR 2.0 and FOCUS (the
 * `BILLING_PERIOD=YYYY-MM` folders of the delivery, crawled as `billing_period`): every query
 * filters on it, so Athena reads only the requested periods' files.
 */
export const partitionColumn = "billing_period";
/** The partition naming the export in that table (`report_name`): two exports of one period are refused, as for files. */
export const exportPartitionColumn = "report_name";

/**
 * The same query set as the DuckDB path, run in Amazon Athena (Trino dialect) on the CUR 2.0 or
 * FOCUS table: its columns from GetTableMetadata, then one query for every month asked. The client
 * is the SDK's: default credential chain and region, `AWS_ENDPOINT_URL_ATHENA` / `AWS_ENDPOINT_URL`
 * honoured by the SDK itself, throttling retried by its standard retry strategy.
 */
export async function readAthena(
  options: AthenaOptions,
  query: AthenaSpendQuery,
  client: AthenaClient = new AthenaClient({}),
  signal?: AbortSignal,
): Promise<SpendData> {
  const catalog = options.catalog ?? defaultCatalog;
  const label = `athena ${catalog}.${options.database}.${options.table}`;
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort(new Error("interrupted (Ctrl-C)"));
  process.once("SIGINT", onSigint);
  signal?.addEventListener("abort", () => interrupt.abort(signal.reason));
  try {
    const columns = await tableColumns(client, catalog, options);
    const schema = exportSchemas.find((candidate) =>
      candidate.required.every((column) => columns.types.has(column)),
    );
    if (!schema)
      throw new SourceError(
        `--athena: ${label}: neither a CUR 2.0 nor a FOCUS table (expected the columns ${exportSchemas.map((candidate) => candidate.required.join(", ")).join("; or ")})`,
      );
    if (!columns.partitions.includes(partitionColumn))
      throw new SourceError(
        `--athena: ${label}: the table is not partitioned by ${partitionColumn}; create it as Data Exports' Glue integration does (docs/chargeback.md#amazon-athena-the---athena-source), so a query reads only the requested billing periods`,
      );
    const built = buildSpendQuery({
      dialect: "trino",
      relation: [catalog, options.database, options.table].map(ident).join("."),
      columns: columns.types,
      schema,
      scope: query,
      partitionColumn,
      ...(columns.partitions.includes(exportPartitionColumn) ? { exportColumn: exportPartitionColumn } : {}),
      label,
    });
    const records = await runAthenaQuery(client, built.sql, { ...options, catalog }, interrupt.signal);
    const byExport = new Map<string, typeof records>();
    for (const record of records)
      byExport.set(String(record.export_name), [...(byExport.get(String(record.export_name)) ?? []), record]);
    oneExportPerPeriod(
      [...byExport].map(([name, rows]) => ({
        name,
        label: `${label} ${exportPartitionColumn}=${name}`,
        partitions: [],
        rows,
      })),
    );
    const { rows, profileRows } = spendRowsOf(records);
    return {
      source: `athena-${schema.format}`,
      rows,
      ...(query.byProfile ? { profileRows } : {}),
      notes: built.notes,
    };
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}

async function tableColumns(
  client: AthenaClient,
  catalog: string,
  options: AthenaOptions,
): Promise<{ types: Map<string, string>; partitions: string[] }> {
  try {
    const { TableMetadata } = await client.send(
      new GetTableMetadataCommand({
        CatalogName: catalog,
        DatabaseName: options.database,
        TableName: options.table,
      }),
    );
    const all = [...(TableMetadata?.Columns ?? []), ...(TableMetadata?.PartitionKeys ?? [])];
    return {
      types: new Map(all.map((column) => [column.Name ?? "", column.Type ?? ""])),
      partitions: (TableMetadata?.PartitionKeys ?? []).map((column) => column.Name ?? ""),
    };
  } catch (error) {
    throw new SourceError(
      `Athena GetTableMetadata ${catalog}.${options.database}.${options.table}: ${awsErrorLine(error)}`,
    );
  }
}
