import * as assert from "node:assert/strict";
import { parseChargebackArgs } from "../../tools/chargeback/args";
import { linearForecast } from "../../tools/chargeback/linear-forecast";
import { billingMonth, lastCompleteMonth } from "../../tools/chargeback/month";

const now = new Date("2026-12-03T10:00:00Z");

describe("chargeback command line and months", () => {
  it("defaults to the last complete month (UTC), Cost Explorer and text", () => {
    const options = parseChargebackArgs(["--stack", "prod"], now);
    assert.equal(options.month, "2026-11");
    assert.deepEqual(options.cur, []);
    assert.equal(options.format, "text");
    assert.equal(lastCompleteMonth(new Date("2027-01-01T00:30:00Z")), "2026-12");
  });

  it("takes several export files after one --cur", () => {
    const options = parseChargebackArgs(
      ["--stack", "prod", "--cur", "a.parquet", "b.csv.gz", "--by-profile"],
      now,
    );
    assert.deepEqual(options.cur, ["a.parquet", "b.csv.gz"]);
    assert.equal(options.byProfile, true);
  });

  it("shows progress off a terminal only with --progress", () => {
    assert.equal(parseChargebackArgs(["--stack", "prod"], now).progress, false);
    assert.equal(parseChargebackArgs(["--stack", "prod", "--progress"], now).progress, true);
  });

  it("refuses what makes no sense, with the flag's name", () => {
    const refuse = (args: string[], message: RegExp) =>
      assert.throws(() => parseChargebackArgs(args, now), message);
    refuse([], /--stack: required/);
    refuse(["--stack", "prod", "--month", "2026-1"], /--month: expected YYYY-MM/);
    refuse(["--stack", "prod", "--source", "athena"], /--source: expected cost-explorer/);
    refuse(["--stack", "prod", "--source", "cost-explorer", "--cur", "x.parquet"], /exclude each other/);
    refuse(
      ["--stack", "prod", "--cur", "x.parquet", "--assume-role"],
      /--assume-role applies to Cost Explorer/,
    );
    refuse(
      ["--stack", "prod", "--max-unattributed-percent", "ten"],
      /--max-unattributed-percent: expected a number from 0 to 100/,
    );
    refuse(["--stack", "prod", "--max-unattributed-percent", "101"], /from 0 to 100/);
    refuse(["--stack", "prod", "stray"], /unexpected argument "stray"/);
    refuse(["--stack", "prod", "--colour"], /Unknown option '--colour'/);
  });

  it("knows a month in progress from a complete one", () => {
    const november = billingMonth("2026-11", now);
    assert.deepEqual(
      { start: november.start, end: november.end, days: november.days, complete: november.complete },
      { start: "2026-11-01", end: "2026-12-01", days: 30, complete: true },
    );
    const december = billingMonth("2026-12", now);
    assert.equal(december.complete, false);
    assert.ok(Math.abs(december.elapsedDays - (2 + 10 / 24)) < 1e-9);
    assert.equal(billingMonth("2028-02", now).days, 29);
  });

  it("projects a month in progress linearly from an export: month-to-date / days elapsed x days", () => {
    const december = billingMonth("2026-12", new Date("2026-12-11T00:00:00Z"));
    const forecast = linearForecast(
      [
        { account: "1", tenant: "alpha", environment: "prod", usd: 100 },
        { account: "1", tenant: "alpha", environment: "dev", usd: 1000 },
        { account: "1", tenant: "ghost", environment: "prod", usd: 1000 },
      ],
      december,
      ["alpha", "beta"],
      "prod",
    );
    assert.deepEqual(
      [...forecast],
      [
        ["alpha", 310],
        ["beta", 0],
      ],
    );
  });
});
