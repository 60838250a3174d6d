import { DuckDBInstance } from "@duckdb/node-api";
import { startLocalServer } from "./local-server";

/**
 * A local Amazon Athena on 127.0.0.1 speaking its JSON 1.1 protocol (`X-Amz-Target:
 * AmazonAthena.<Operation>`), with DuckDB behind it: the Data Exports table is a DuckDB table
 * `"AwsDataCatalog".<database>.<table>` made from an export file plus its `billing_period`
 * partition column. Queries are Trino text; the four Trino functions the query builder uses that
 * DuckDB spells differently (`element_at` on a map, `date_format`, `json_extract_scalar`, `regexp_like`) are
 * mapped to DuckDB macros, nothing else is rewritten. A query goes QUEUED, RUNNING, then SUCCEEDED
 * (or FAILED as asked); requests can be throttled; results come in pages.
 */
export interface FakeAthenaOptions {
  /** Parquet files of the table (CUR 2.0 or FOCUS exports), each with its `report_name` partition value. */
  exports: Array<{ file: string; reportName: string }>;
  database: string;
  table: string;
  /** The column the `billing_period` partition is derived from (CUR 2.0 `bill_billing_period_start_date`, FOCUS `BillingPeriodStart`). */
  periodColumn: string;
  /** GetQueryExecution answers QUEUED this many times, then RUNNING this many times. */
  queuedPolls?: number;
  runningPolls?: number;
  /** Never finish (for the timeout and Ctrl-C tests). */
  neverFinish?: boolean;
  /** Fail the query with this reason. */
  failWith?: string;
  /** The first N requests get ThrottlingException. */
  throttleFirst?: number;
  /** Rows per GetQueryResults page (the header row counts on the first page, as in Athena). */
  pageSize?: number;
}

export interface FakeAthena {
  url: string;
  requests: Array<{ operation: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

const hiveType = (duckType: string): string =>
  duckType.startsWith("MAP")
    ? "map<string,string>"
    : duckType === "VARCHAR"
      ? "string"
      : duckType.toLowerCase().replace(" with time zone", "");

export async function startFakeAthena(options: FakeAthenaOptions): Promise<FakeAthena> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  await db.run(`ATTACH ':memory:' AS "AwsDataCatalog"`);
  await db.run(`CREATE SCHEMA "AwsDataCatalog".${options.database}`);
  await db.run(
    `CREATE TABLE "AwsDataCatalog".${options.database}.${options.table} AS ${options.exports.map((entry) => `SELECT *, '${entry.reportName}' AS report_name, strftime("${options.periodColumn}", '%Y-%m') AS billing_period FROM read_parquet('${entry.file}')`).join(" UNION ALL BY NAME ")}`,
  );
  await db.run(`CREATE MACRO trino_element_at(m, k) AS m[k]`);
  await db.run(`CREATE MACRO trino_date_format(t, f) AS strftime(t, f)`);
  await db.run(`CREATE MACRO trino_json_extract_scalar(j, p) AS json_extract_string(j, p)`);
  // Trino's regexp_like matches anywhere in the text, as DuckDB's regexp_matches does.
  await db.run(`CREATE MACRO trino_regexp_like(s, p) AS regexp_matches(s, p)`);
  const described = (
    await db.runAndReadAll(`DESCRIBE "AwsDataCatalog".${options.database}.${options.table}`)
  ).getRowObjectsJson();
  const queries = new Map<
    string,
    { sql: string; polls: number; rows?: string[][]; names?: string[]; stopped?: boolean }
  >();
  const requests: FakeAthena["requests"] = [];
  let throttled = 0;

  async function answer(operation: string, body: Record<string, unknown>): Promise<[number, unknown]> {
    if (throttled < (options.throttleFirst ?? 0)) {
      throttled += 1;
      return [400, { __type: "ThrottlingException", Message: "Rate exceeded" }];
    }
    switch (operation) {
      case "GetTableMetadata": {
        if (body.DatabaseName !== options.database || body.TableName !== options.table)
          return [400, { __type: "MetadataException", Message: `Table ${String(body.TableName)} not found` }];
        const columns = described.map((row) => ({
          Name: String(row.column_name),
          Type: hiveType(String(row.column_type)),
        }));
        // The partitions of the table AWS's dashboards create (report_name and billing_period among them).
        const partitions = ["report_name", "billing_period"];
        return [
          200,
          {
            TableMetadata: {
              Name: options.table,
              Columns: columns.filter((column) => !partitions.includes(column.Name)),
              PartitionKeys: partitions.map((name) => ({ Name: name, Type: "string" })),
            },
          },
        ];
      }
      case "StartQueryExecution": {
        const id = `q-${queries.size + 1}`;
        queries.set(id, { sql: String(body.QueryString), polls: 0 });
        return [200, { QueryExecutionId: id }];
      }
      case "GetQueryExecution": {
        const query = queries.get(String(body.QueryExecutionId))!;
        query.polls += 1;
        const queued = options.queuedPolls ?? 1;
        const running = options.runningPolls ?? 1;
        let state = query.stopped
          ? "CANCELLED"
          : query.polls <= queued
            ? "QUEUED"
            : query.polls <= queued + running || options.neverFinish
              ? "RUNNING"
              : "SUCCEEDED";
        let reason: string | undefined;
        if (state === "SUCCEEDED" && options.failWith) [state, reason] = ["FAILED", options.failWith];
        if (state === "SUCCEEDED" && !query.rows) {
          const sql = query.sql
            .replace(/\belement_at\(/g, "trino_element_at(")
            .replace(/\bdate_format\(/g, "trino_date_format(")
            .replace(/\bjson_extract_scalar\(/g, "trino_json_extract_scalar(")
            .replace(/\bregexp_like\(/g, "trino_regexp_like(");
          const result = await db.runAndReadAll(sql);
          query.names = result.columnNames();
          query.rows = result
            .getRowsJson()
            .map((row) => row.map((value) => (value === null ? null : String(value))) as string[]);
        }
        return [
          200,
          {
            QueryExecution: {
              QueryExecutionId: body.QueryExecutionId,
              Status: { State: state, ...(reason ? { StateChangeReason: reason } : {}) },
            },
          },
        ];
      }
      case "StopQueryExecution": {
        queries.get(String(body.QueryExecutionId))!.stopped = true;
        return [200, {}];
      }
      case "GetQueryResults": {
        const query = queries.get(String(body.QueryExecutionId))!;
        const all = [query.names!, ...query.rows!];
        const start = Number(body.NextToken ?? 0);
        const size = options.pageSize ?? 1000;
        const slice = all.slice(start, start + size);
        return [
          200,
          {
            ResultSet: {
              Rows: slice.map((row) => ({
                Data: row.map((value) => (value === null ? {} : { VarCharValue: value })),
              })),
              ResultSetMetadata: {
                ColumnInfo: query.names!.map((name) => ({ Name: name, Type: "varchar" })),
              },
            },
            ...(start + size < all.length ? { NextToken: String(start + size) } : {}),
          },
        ];
      }
      default:
        return [400, { __type: "UnknownOperationException", Message: operation }];
    }
  }

  const server = await startLocalServer((request, text, response) => {
    const operation = String(request.headers["x-amz-target"] ?? "").replace("AmazonAthena.", "");
    const body = JSON.parse(text || "{}") as Record<string, unknown>;
    requests.push({ operation, body });
    answer(operation, body)
      .then(([status, payload]) => {
        response.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify(payload));
      })
      .catch((error: Error) => {
        response.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify({ __type: "InvalidRequestException", Message: error.message }));
      });
  });
  return {
    url: server.url,
    requests,
    close: async () => {
      await server.close();
      db.closeSync();
      instance.closeSync();
    },
  };
}
