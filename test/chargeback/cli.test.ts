import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliResult, runTypeScriptCli } from "../helpers/check-cli";
import { writeExport } from "./export-fixtures";
import { expected, novemberItems } from "./scenario";
import { close } from "./scenario-figures";
import { fixtureTenantsDir, projectDir } from "./stack";
import { tempDir } from "../helpers/temp-files";

/**
 * `npm run chargeback` as a user runs it: a real process, its real exit code, one run per exit code
 * (flags → source → report → exit code, and the process's own ending). What the command does with
 * each flag is proven in-process (main.test.ts), each rule at its own layer (attribution, args,
 * data-export, cost-explorer, trend tests).
 */
function chargeback(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runTypeScriptCli(path.join(projectDir, "tools/chargeback/cli.ts"), args, {
    cwd: projectDir,
    env: { ...process.env, CHARGEBACK_NOW: "2026-12-03T10:00:00Z", ...env },
  });
}

const noStackTrace = (text: string) => assert.ok(!/\n\s+at /.test(text), `stack trace in:\n${text}`);
const prod = ["--stack", "prod", "--tenants", fixtureTenantsDir];

describe("npm run chargeback (a real process)", function () {
  let directory: string;
  before(() => {
    directory = tempDir("chargeback-cli-");
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it("exits 1 when a tenant is over budget, and defaults to the last complete month", async () => {
    const november = await writeExport(directory, "cur2", novemberItems, "cur2", "parquet");
    const result = await chargeback([...prod, "--cur", november, "--format", "json"]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.month, "2026-11");
    assert.equal(
      report.tenants.find((tenant: { tenant: string }) => tenant.tenant === "beta").budgetUsd,
      500,
    );
  });

  it("exits 0 when every tenant is within budget, writes --out, and counts UTC days on a machine in Los Angeles", async () => {
    // The time zone is the process's (DuckDB takes its default from TZ once per process), so this
    // fact needs a process of its own: the first UTC hour of November belongs to November and the
    // first UTC hour of December (still November 30 in Los Angeles) does not; counted by local day,
    // alpha would be over budget (exit 1) and the total off.
    const [first, ...rest] = novemberItems.filter((item) => item.tenant !== "beta");
    const withinUtc = await writeExport(
      directory,
      "within-utc",
      [{ ...first, day: "2026-11-01" }, ...rest, { ...first, day: "2026-12-01", usd: 1000 }],
      "focus",
      "parquet",
    );
    const out = path.join(directory, "report.json");
    const result = await chargeback([...prod, "--cur", withinUtc, "--format", "json", "--out", out], {
      TZ: "America/Los_Angeles",
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /report written to .*report\.json \(exit 0\)/);
    close(JSON.parse(fs.readFileSync(out, "utf8")).totalBedrockUsd, expected.totalBedrockUsd - expected.beta);
  });

  it("exits 2 with one line, no stack trace and no report, for an export it cannot read", async () => {
    const missing = await chargeback(["--stack", "prod", "--cur", path.join(directory, "absent.parquet")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^chargeback: --cur: .*absent\.parquet: no such file or directory\n$/);
    noStackTrace(missing.stderr);
    assert.equal(missing.stdout, "");
  });
});
