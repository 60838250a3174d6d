import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliResult, runTypeScriptCli } from "../helpers/check-cli";
import { fixtureTenant, writeFixtureTenants } from "../helpers/fixture-tenant";
import { awsTestEnv } from "./aws-env";
import { startFakeCostExplorer } from "./cost-explorer-server";
import { writeExport } from "./export-fixtures";
import { novemberItems } from "./scenario";
import { fixtureTenantsDir, projectDir } from "./stack";
import { tempDir } from "../helpers/temp-files";

/** `npm run chargeback` as a user runs it: a real process, its real exit code. */
function chargeback(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    CHARGEBACK_NOW: "2026-12-03T10:00:00Z",
    ...env,
  };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return runTypeScriptCli(path.join(projectDir, "tools/chargeback/cli.ts"), args, {
    cwd: projectDir,
    env: merged as NodeJS.ProcessEnv,
  });
}

const noStackTrace = (text: string) => assert.ok(!/\n\s+at /.test(text), `stack trace in:\n${text}`);

describe("npm run chargeback", function () {
  let directory: string;
  let export2026: string;
  before(async () => {
    directory = tempDir("chargeback-cli-");
    export2026 = await writeExport(directory, "cur2", novemberItems, "cur2", "parquet");
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));
  const fromExport = (...extra: string[]) => [
    "--stack",
    "prod",
    "--tenants",
    fixtureTenantsDir,
    "--cur",
    export2026,
    ...extra,
  ];

  it("exits 1 when a tenant is over budget, and defaults to the last complete month", async () => {
    const result = await chargeback([...fromExport(), "--format", "json"]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.month, "2026-11");
    assert.equal(
      report.tenants.find((tenant: { tenant: string }) => tenant.tenant === "beta").budgetUsd,
      500,
    );
  });

  it("exits 0 when every tenant is within budget, and writes --out", async () => {
    const within = path.join(directory, "within.parquet");
    await writeExport(
      directory,
      "within",
      novemberItems.filter((item) => item.tenant !== "beta"),
      "cur2",
      "parquet",
    );
    const out = path.join(directory, "report.html");
    const result = await chargeback([
      "--stack",
      "prod",
      "--tenants",
      fixtureTenantsDir,
      "--cur",
      within,
      "--format",
      "html",
      "--out",
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /report written to .*report\.html \(exit 0\)/);
    assert.match(fs.readFileSync(out, "utf8"), /^<!doctype html>/);
  });

  it("exits 1 when untagged spend passes --max-unattributed-percent (400 of 1,384.08, 28.9%, without beta)", async () => {
    const within = path.join(directory, "within.parquet");
    const base = ["--stack", "prod", "--tenants", fixtureTenantsDir, "--cur", within, "--format", "csv"];
    assert.equal((await chargeback([...base, "--max-unattributed-percent", "30"])).code, 0);
    assert.equal((await chargeback([...base, "--max-unattributed-percent", "28"])).code, 1);
  });

  it("counts line items by UTC day whatever the machine's time zone", async () => {
    const firstHour = await writeExport(
      directory,
      "first-hour",
      [
        { ...novemberItems[0], day: "2026-11-01" },
        { ...novemberItems[0], day: "2026-12-01", usd: 1000 },
      ],
      "focus",
      "parquet",
    );
    const args = ["--stack", "prod", "--tenants", fixtureTenantsDir, "--cur", firstHour, "--format", "json"];
    const result = await chargeback(args, { TZ: "America/Los_Angeles" });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).totalBedrockUsd, novemberItems[0].usd);
  });

  it("exits 2 with one line for a bad flag, a bad month and an unreadable export", async () => {
    const flag = await chargeback([...fromExport(), "--format", "pdf"]);
    assert.equal(flag.code, 2);
    assert.match(
      flag.stderr,
      /^chargeback: --format: expected one of text, markdown, json, csv, html, got "pdf"/,
    );
    const month = await chargeback([...fromExport(), "--month", "2026-13"]);
    assert.equal(month.code, 2);
    assert.match(month.stderr, /--month: expected YYYY-MM, got "2026-13"/);
    const future = await chargeback([...fromExport(), "--month", "2027-01"]);
    assert.equal(future.code, 2);
    assert.match(future.stderr, /^chargeback: --month: 2027-01 has not begun \(today is 2026-12-03 UTC\)/);
    const missing = await chargeback(["--stack", "prod", "--cur", path.join(directory, "absent.parquet")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^chargeback: --cur: .*absent\.parquet: no such file or directory\n$/);
    noStackTrace(missing.stderr);
    assert.equal(missing.stdout, "");
  });

  it("writes a month-by-month trend with --from/--to, exit 1 when a month has a tenant over budget", async () => {
    const result = await chargeback([
      ...fromExport(),
      "--from",
      "2026-10",
      "--to",
      "2026-11",
      "--format",
      "csv",
    ]);
    assert.equal(result.code, 1, result.stderr);
    const rows = result.stdout.trimEnd().split("\r\n");
    assert.ok(rows[0].startsWith("row_type,stack,month,"));
    assert.deepEqual(
      rows.filter((row) => row.startsWith("total,")).map((row) => row.split(",")[2]),
      ["2026-10", "2026-11"],
    );
  });

  it("exits 2 naming the file and field for a bad tenant file, as the check does", async () => {
    const tenants = writeFixtureTenants([
      { ...fixtureTenant({ name: "broken" }), budget: { monthlyUsd: "1000" } },
    ]);
    const result = await chargeback(["--stack", "prod", "--tenants", tenants, "--cur", export2026]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /broken\.ts: budget\.monthlyUsd: expected a number greater than 0, got "1000"/,
    );
    assert.equal(result.stdout, "");
  });

  it("exits 2 with the AWS error code and message in one line when Cost Explorer denies access", async () => {
    const server = await startFakeCostExplorer({
      items: novemberItems,
      deny: ["GetDimensionValues"],
      today: "2026-12-03",
    });
    try {
      const result = await chargeback(
        ["--stack", "prod", "--tenants", fixtureTenantsDir],
        awsTestEnv({ AWS_ENDPOINT_URL_COST_EXPLORER: server.url }),
      );
      assert.equal(result.code, 2);
      const lines = result.stderr.split("\n").filter((line) => line.startsWith("chargeback:"));
      assert.deepEqual(lines, [
        "chargeback: Cost Explorer GetDimensionValues: AccessDeniedException: User: arn:aws:iam::123456789012:user/finops is not authorized to perform: ce:GetDimensionValues",
      ]);
      noStackTrace(result.stderr);
      assert.equal(result.stdout, "");
    } finally {
      await server.close();
    }
  });
});
