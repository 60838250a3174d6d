import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { tempDir } from "../helpers/temp-files";
import { AthenaClient } from "@aws-sdk/client-athena";
import { TrinoSQL } from "dt-sql-parser";
import { stackAccountIds } from "../../tools/chargeback/attribution";
import { runAthenaQuery } from "../../tools/chargeback/athena-query";
import { partitionColumn, readAthena } from "../../tools/chargeback/athena-source";
import { runChargeback } from "../../tools/chargeback/chargeback";
import { cur2Schema, focusSchema } from "../../tools/chargeback/export-schemas";
import { billingMonth } from "../../tools/chargeback/month";
import { buildSpendQuery } from "../../tools/chargeback/spend-query";
import { awsTestEnv, withEnv } from "./aws-env";
import { type FakeAthenaOptions, startFakeAthena } from "./athena-server";
import { writeExport } from "./export-fixtures";
import { invoiceItems, novemberInvoice } from "./invoice-scenario";
import { assertScenarioFigures, close } from "./scenario-figures";
import { prodOptions, prodStack, projectDir } from "./stack";

const months = [billingMonth("2026-11", new Date("2027-01-02T00:00:00Z"))];
const accounts = [...stackAccountIds(prodStack().config)];
const query = {
  months,
  accounts,
  byProfile: false,
  costBasis: "net" as const,
  periodBasis: "billing" as const,
};

describe("chargeback on Amazon Athena (real SDK, local JSON-protocol endpoint, DuckDB behind it)", function () {
  this.timeout(60_000);
  let directory: string;
  let cur2File: string;
  before(async () => {
    directory = tempDir("chargeback-athena-");
    cur2File = await writeExport(directory, "cur2", invoiceItems, "cur2", "parquet");
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  async function withAthena<T>(
    extra: Partial<FakeAthenaOptions>,
    body: (server: Awaited<ReturnType<typeof startFakeAthena>>) => Promise<T>,
  ): Promise<T> {
    const server = await startFakeAthena({
      exports: [{ file: cur2File, reportName: "cur2" }],
      database: "cid_data_export",
      table: "cur2",
      periodColumn: "bill_billing_period_start_date",
      ...extra,
    });
    try {
      return await withEnv(awsTestEnv({ AWS_ENDPOINT_URL_ATHENA: server.url, AWS_REGION: "us-east-1" }), () =>
        body(server),
      );
    } finally {
      await server.close();
    }
  }

  it("builds Trino text that a Trino grammar accepts, always filtered on billing_period, for both tables and every option", () => {
    const parser = new TrinoSQL();
    const cur2Columns = new Map([
      ...[
        "line_item_unblended_cost",
        "line_item_net_unblended_cost",
        "line_item_line_item_type",
        "line_item_usage_account_id",
        "line_item_usage_type",
        "line_item_resource_id",
        "line_item_product_code",
      ].map((name) => [name, "string"] as [string, string]),
      ["line_item_usage_start_date", "timestamp"],
      ["bill_billing_period_start_date", "timestamp"],
      ["product", "map<string,string>"],
      ["resource_tags", "map<string,string>"],
      ["billing_period", "string"],
      ["report_name", "string"],
    ]);
    const focusColumns = new Map([
      ...[
        "BilledCost",
        "EffectiveCost",
        "SubAccountId",
        "ServiceName",
        "ChargeCategory",
        "ChargeClass",
        "SkuMeter",
        "ResourceId",
      ].map((name) => [name, "string"] as [string, string]),
      ["ChargePeriodStart", "timestamp"],
      ["BillingPeriodStart", "timestamp"],
      ["Tags", "map<string,string>"],
      ["billing_period", "string"],
      ["report_name", "string"],
    ]);
    for (const [schema, columns] of [
      [cur2Schema, cur2Columns],
      [focusSchema, focusColumns],
    ] as const)
      for (const byProfile of [false, true])
        for (const periodBasis of ["billing", "usage"] as const) {
          const { sql } = buildSpendQuery({
            dialect: "trino",
            relation: `"AwsDataCatalog"."cid"."t"`,
            columns,
            schema,
            scope: {
              months,
              periodBasis,
              costBasis: "net-amortized",
              accounts,
              byProfile,
              ...(byProfile ? { exportName: "cur2" } : {}),
            },
            partitionColumn,
            exportColumn: "report_name",
            label: "t",
          });
          assert.deepEqual(parser.validate(sql), [], sql);
          assert.match(sql, /"billing_period" IN \('2026-11'\)/);
        }
    assert.notDeepEqual(parser.validate(`SELECT x FROM t WHERE`), []);
  });

  it("gives the Data Export's figures through QUEUED and RUNNING states, throttling and paged results", () =>
    withAthena({ queuedPolls: 1, runningPolls: 1, throttleFirst: 1, pageSize: 3 }, async (server) => {
      const spend = await readAthena(
        { database: "cid_data_export", table: "cur2" },
        query,
        new AthenaClient({}),
      );
      assert.ok(
        server.requests.filter((request) => request.operation === "GetQueryResults").length > 2,
        "several pages",
      );
      // QUEUED, RUNNING, then SUCCEEDED: one poll each at least (each poll waits 250 ms and more: one
      // QUEUED and one RUNNING prove the loop as well as two of each, in half the time).
      assert.ok(server.requests.filter((request) => request.operation === "GetQueryExecution").length >= 3);
      const start = server.requests.find((request) => request.operation === "StartQueryExecution")!;
      assert.deepEqual(start.body.QueryExecutionContext, {
        Catalog: "AwsDataCatalog",
        Database: "cid_data_export",
      });
      const result = await runChargeback(
        projectDir,
        prodOptions({
          athena: {
            database: "cid_data_export",
            table: "cur2",
            workgroup: "finops",
            outputLocation: "s3://results/chargeback/",
          },
        }),
        new Date("2027-01-02T00:00:00Z"),
      );
      if (!("report" in result)) assert.fail(JSON.stringify(result));
      assertScenarioFigures(result.report);
      close(result.report.invoiceBedrockUsd, novemberInvoice.invoice);
      assert.equal(spend.source, "athena-cur2");
      const last = server.requests.filter((request) => request.operation === "StartQueryExecution").at(-1)!;
      assert.equal(last.body.WorkGroup, "finops");
      assert.deepEqual(last.body.ResultConfiguration, { OutputLocation: "s3://results/chargeback/" });
    }));

  it("reports a failed query with Athena's reason, in one line", () =>
    withAthena({ failWith: "HIVE_CANNOT_OPEN_SPLIT: Access Denied" }, async () => {
      await assert.rejects(
        readAthena({ database: "cid_data_export", table: "cur2" }, query),
        /Athena query q-1 FAILED: HIVE_CANNOT_OPEN_SPLIT: Access Denied/,
      );
    }));

  it("stops the query with StopQueryExecution on timeout and on Ctrl-C", () =>
    withAthena({ neverFinish: true }, async (server) => {
      const client = new AthenaClient({});
      await assert.rejects(
        runAthenaQuery(client, "SELECT 1", {
          catalog: "AwsDataCatalog",
          database: "cid_data_export",
          timeoutMs: 300,
          pollMs: { first: 50, max: 100 },
        }),
        /timed out after 0 s; stopped it with StopQueryExecution/,
      );
      const interrupt = new AbortController();
      setTimeout(() => interrupt.abort(new Error("interrupted (Ctrl-C)")), 150);
      await assert.rejects(
        runAthenaQuery(
          client,
          "SELECT 1",
          { catalog: "AwsDataCatalog", database: "cid_data_export", pollMs: { first: 50, max: 100 } },
          interrupt.signal,
        ),
        /interrupted \(Ctrl-C\); stopped it with StopQueryExecution/,
      );
      assert.deepEqual(
        server.requests
          .filter((request) => request.operation === "StopQueryExecution")
          .map((request) => request.body.QueryExecutionId),
        ["q-1", "q-2"],
      );
    }));

  it("refuses a table holding two exports of one billing period (report_name), naming both; --export picks one", () =>
    withAthena(
      {
        exports: [
          { file: cur2File, reportName: "cur2" },
          { file: cur2File, reportName: "cur2-copy" },
        ],
      },
      async (server) => {
        await assert.rejects(
          readAthena({ database: "cid_data_export", table: "cur2" }, query),
          /two exports cover the billing period 2026-11: "cur2" .* and "cur2-copy"/,
        );
        const spend = await readAthena(
          { database: "cid_data_export", table: "cur2" },
          { ...query, exportName: "cur2-copy" },
        );
        assert.ok(spend.rows.length > 0);
        assert.match(
          String(
            server.requests.filter((request) => request.operation === "StartQueryExecution").at(-1)!.body
              .QueryString,
          ),
          /"report_name" = 'cur2-copy'/,
        );
      },
    ));

  it("refuses a table Athena does not have, naming it, in one line", () =>
    withAthena({}, async () => {
      await assert.rejects(
        readAthena({ database: "cid_data_export", table: "nope" }, query),
        /Athena GetTableMetadata AwsDataCatalog\.cid_data_export\.nope: MetadataException/,
      );
    }));
});
