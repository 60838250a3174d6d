import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { main } from "../../tools/chargeback/cli";
import { fixtureTenant, writeFixtureTenants } from "../helpers/fixture-tenant";
import { tempDir } from "../helpers/temp-files";
import { writeExport } from "./export-fixtures";
import { novemberItems } from "./scenario";
import { fixtureTenantsDir } from "./stack";

/**
 * `npm run chargeback`'s `main` in-process: what it does with each flag, to the exit code and the
 * lines it writes, without a process of its own (the few facts that need one: cli.test.ts).
 */
async function chargeback(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const written = { stdout: "", stderr: "" };
  const code = await main(
    args,
    { CHARGEBACK_NOW: "2026-12-03T10:00:00Z" },
    {
      stdout: { write: (text: string) => (written.stdout += text) },
      stderr: { write: (text: string) => (written.stderr += text) },
    },
  );
  return { code, ...written };
}

describe("npm run chargeback, in-process (tools/chargeback/cli.ts main)", function () {
  let directory: string;
  let november: string;
  let within: string;
  before(async () => {
    directory = tempDir("chargeback-main-");
    november = await writeExport(directory, "cur2", novemberItems, "cur2", "parquet");
    const withoutBeta = novemberItems.filter((item) => item.tenant !== "beta");
    within = await writeExport(directory, "within", withoutBeta, "cur2", "parquet");
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));
  const prod = (...extra: string[]) => ["--stack", "prod", "--tenants", fixtureTenantsDir, ...extra];

  it("exits 1 when untagged spend passes --max-unattributed-percent (400 of 1,384.08, 28.9%, without beta), 0 below it", async () => {
    const base = prod("--cur", within, "--format", "csv");
    const under = await chargeback([...base, "--max-unattributed-percent", "30"]);
    assert.equal(under.code, 0, under.stderr);
    assert.equal((await chargeback([...base, "--max-unattributed-percent", "28"])).code, 1);
  });

  it("writes a month-by-month trend with --from/--to, exit 1 when a month has a tenant over budget", async () => {
    const result = await chargeback(
      prod("--cur", november, "--from", "2026-10", "--to", "2026-11", "--format", "csv"),
    );
    assert.equal(result.code, 1, result.stderr);
    const rows = result.stdout.trimEnd().split("\r\n");
    assert.ok(rows[0].startsWith("row_type,stack,month,"));
    assert.deepEqual(
      rows.filter((row) => row.startsWith("total,")).map((row) => row.split(",")[2]),
      ["2026-10", "2026-11"],
    );
  });

  it("exits 2 for a bad flag: its one-line message, then the usage, on stderr; nothing on stdout", async () => {
    const result = await chargeback(prod("--cur", november, "--format", "pdf"));
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^chargeback: --format: expected one of text, markdown, json, csv, html, got "pdf"\n\nUsage: npm run chargeback/,
    );
    assert.equal(result.stdout, "");
  });

  it("exits 2 naming the file and field for a bad tenant file, as the check does, and reports nothing", async () => {
    const tenants = writeFixtureTenants([
      { ...fixtureTenant({ name: "broken" }), budget: { monthlyUsd: "1000" } },
    ]);
    const result = await chargeback(["--stack", "prod", "--tenants", tenants, "--cur", november]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^chargeback: .*broken\.ts: budget\.monthlyUsd: expected a number greater than 0, got "1000"\n$/,
    );
    assert.equal(result.stdout, "");
  });
});
