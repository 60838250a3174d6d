import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runChargeback } from "../../tools/chargeback/chargeback";
import { reportFrom } from "./export-report";
import { SourceError } from "../../tools/chargeback/source-error";
import { type FixtureFile, type FixtureFormat, writeExport } from "./export-fixtures";
import { alphaChatArn, alphaOtherArn, expected, novemberItems } from "./scenario";
import { assertScenarioFigures, close } from "./scenario-figures";
import { prodOptions, projectDir } from "./stack";
import { tempDir } from "../helpers/temp-files";

describe("chargeback from Data Exports (DuckDB)", function () {
  let directory: string;
  before(() => {
    directory = tempDir("chargeback-export-");
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  const cases: Array<[FixtureFormat, FixtureFile]> = [
    ["cur2", "parquet"],
    ["cur2", "csv"],
    ["cur2", "csv.gz"],
    ["focus", "parquet"],
    ["focus", "csv"],
    ["focus", "csv.gz"],
    ["focus-1.2", "parquet"],
    ["focus-1.2", "csv.gz"],
  ];
  for (const [format, file] of cases) {
    it(`reads a ${format === "cur2" ? "CUR 2.0" : format === "focus" ? "FOCUS 1.0" : "FOCUS 1.2"} export in ${file}: every rule gives the hand-worked figures`, async () => {
      const written = await writeExport(
        directory,
        `${format}-${file.replace(".", "-")}`,
        novemberItems,
        format,
        file,
      );
      const report = await reportFrom([written]);
      assert.equal(report.source, format.replace("-1.2", ""));
      // FOCUS 1.2 has no x_UsageType: the untagged contributors keep their usage type from SkuMeter.
      assertScenarioFigures(report);
    });
  }

  it("reads a directory of an export's parts, and gives the profile ARN's spend with --by-profile", async () => {
    const parts = path.join(directory, "parts");
    const firstHalf = novemberItems.filter((item) => item.day < "2026-11-08");
    const secondHalf = novemberItems.filter((item) => item.day >= "2026-11-08");
    await writeExport(parts, "part-1", firstHalf, "cur2", "parquet");
    await writeExport(parts, "part-2", secondHalf, "cur2", "parquet");
    const report = await reportFrom([parts], true);
    assert.equal(report.source, "cur2");
    close(report.totalBedrockUsd, expected.totalBedrockUsd);
    const alpha = report.tenants.find((tenant) => tenant.tenant === "alpha")!;
    assert.deepEqual(alpha.profiles, [
      { profile: "zz9yy8xx7ww6", arn: alphaOtherArn, model: null, usd: 450.5 },
      { profile: "chat", arn: alphaChatArn, model: "amazon.nova-lite-v1:0", usd: 300.25 },
    ]);
    assert.deepEqual(report.tenants.find((tenant) => tenant.tenant === "beta")!.profiles, []);
  });

  it("shows month-to-date and a linear forecast for a month in progress", async () => {
    const file = await writeExport(directory, "in-progress", novemberItems, "cur2", "parquet");
    const result = await runChargeback(
      projectDir,
      prodOptions({ cur: [file] }),
      new Date("2026-11-16T00:00:00Z"),
    );
    assert.ok("report" in result, JSON.stringify(result));
    assert.equal(result.report.complete, false);
    assert.match(result.report.forecastMethod ?? "", /linear projection/);
    const alpha = result.report.tenants.find((tenant) => tenant.tenant === "alpha")!;
    close(alpha.bedrockUsd, expected.alpha);
    close(alpha.forecastUsd, (expected.alpha / 15) * 30);
  });

  it("reads FOCUS tags whose keys carry a user: prefix", async () => {
    const written = await writeExport(directory, "focus-user-prefix", novemberItems, "focus", "parquet", {
      tagPrefix: "user:",
    });
    const report = await reportFrom([written]);
    close(report.tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd, expected.alpha);
    close(report.unattributed.usd, expected.unattributed);
  });

  it("refuses a file that is neither CUR 2.0 nor FOCUS, naming it and the columns it needs", async () => {
    const other = path.join(directory, "other.csv");
    fs.writeFileSync(other, "a,b\n1,2\n");
    await assert.rejects(reportFrom([other]), (error: Error) => {
      assert.ok(error instanceof SourceError);
      assert.match(error.message, /other\.csv: neither a CUR 2\.0 nor a FOCUS export/);
      assert.match(error.message, /line_item_unblended_cost/);
      assert.ok(!error.message.includes("\n"));
      return true;
    });
  });

  it("refuses a missing path, a file of another kind and an empty directory", async () => {
    await assert.rejects(
      reportFrom([path.join(directory, "nope.parquet")]),
      /nope\.parquet: no such file or directory/,
    );
    const text = path.join(directory, "notes.txt");
    fs.writeFileSync(text, "x");
    await assert.rejects(reportFrom([text]), /notes\.txt: expected a \.parquet, \.csv or \.csv\.gz file/);
    const empty = path.join(directory, "empty");
    fs.mkdirSync(empty);
    await assert.rejects(reportFrom([empty]), /holds no \.parquet, \.csv or \.csv\.gz file/);
  });

  it("refuses a corrupt Parquet file with one line naming it", async () => {
    const corrupt = path.join(directory, "corrupt.parquet");
    fs.writeFileSync(corrupt, "not parquet at all");
    await assert.rejects(
      reportFrom([corrupt]),
      (error: Error) => error instanceof SourceError && /corrupt\.parquet/.test(error.message),
    );
  });
});
