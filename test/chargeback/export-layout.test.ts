import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../helpers/temp-files";
import { SourceError } from "../../tools/chargeback/source-error";
import { type FixtureFormat, writeExport } from "./export-fixtures";
import { reportFrom } from "./export-report";
import { type LineItem, expected, novemberItems } from "./scenario";
import { assertScenarioFigures, close } from "./scenario-figures";

/**
 * Writes one billing period of an export as Data Exports delivers it:
 * `<bucket>/<export>/data/BILLING_PERIOD=YYYY-MM/[refresh/]<export>-00001.parquet`, and, unless
 * `manifest` is false, `<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json` naming
 * the files of `manifestRefresh`.
 */
async function deliver(
  bucket: string,
  exportName: string,
  format: FixtureFormat,
  period: string,
  refreshes: Array<{ folder: string; items: readonly LineItem[] }>,
  manifestRefresh?: string,
): Promise<void> {
  const partition = path.join(bucket, exportName, "data", `BILLING_PERIOD=${period}`);
  for (const refresh of refreshes)
    await writeExport(
      path.join(partition, refresh.folder),
      `${exportName}-00001`,
      refresh.items,
      format,
      "parquet",
    );
  if (manifestRefresh === undefined) return;
  const metadata = path.join(bucket, exportName, "metadata", `BILLING_PERIOD=${period}`);
  fs.mkdirSync(metadata, { recursive: true });
  const key = [exportName, "data", `BILLING_PERIOD=${period}`, manifestRefresh, `${exportName}-00001.parquet`]
    .filter(Boolean)
    .join("/");
  fs.writeFileSync(
    path.join(metadata, `${exportName}-Manifest.json`),
    JSON.stringify({
      executionId: "e-1",
      exportArn: "arn:aws:bcm-data-exports:us-east-1:123456789012:export/x",
      columns: [],
      dataFiles: [`s3://bucket/prefix/${key}`],
    }),
  );
}

const doubled = novemberItems.map((item) => ({ ...item, usd: item.usd * 2 }));

describe("chargeback reads one export per billing period", function () {
  let bucket: string;
  beforeEach(() => {
    bucket = tempDir("chargeback-layout-");
  });
  afterEach(() => fs.rmSync(bucket, { recursive: true, force: true }));

  it("refuses a bucket where a CUR 2.0 and a FOCUS export cover the same period, naming both; --export picks one", async () => {
    await deliver(bucket, "cur2", "cur2", "2026-11", [{ folder: "", items: novemberItems }], "");
    await deliver(bucket, "focus", "focus", "2026-11", [{ folder: "", items: novemberItems }], "");
    await assert.rejects(reportFrom([bucket]), (error: Error) => {
      assert.ok(error instanceof SourceError);
      assert.match(
        error.message,
        /two exports cover the billing period 2026-11: "cur2" .* and "focus" .*--export NAME/,
      );
      return true;
    });
    assertScenarioFigures(await reportFrom([bucket], false, { exportName: "focus" }));
    await assert.rejects(
      reportFrom([bucket], false, { exportName: "nope" }),
      /no export named "nope" \(found "cur2", "focus"\)/,
    );
  });

  it("reads only the files the period's Manifest.json names (the current refresh), not older refreshes", async () => {
    await deliver(
      bucket,
      "cur2",
      "cur2",
      "2026-11",
      [
        { folder: "20261201T000000Z", items: doubled },
        { folder: "20261202T000000Z", items: novemberItems },
      ],
      "20261202T000000Z",
    );
    const report = await reportFrom([bucket]);
    assertScenarioFigures(report);
    assert.deepEqual(report.notes, []);
  });

  it("falls back to the newest refresh when the period has no manifest, and says so", async () => {
    await deliver(bucket, "cur2", "cur2", "2026-11", [{ folder: "20261201T000000Z", items: doubled }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await deliver(bucket, "cur2", "cur2", "2026-11", [{ folder: "20261202T000000Z", items: novemberItems }]);
    const report = await reportFrom([bucket]);
    close(report.totalBedrockUsd, expected.totalBedrockUsd);
    assert.ok(
      report.notes.some((note) =>
        /no Manifest\.json .* 2 refreshes found, read only the newest \(20261202T000000Z\)/.test(note),
      ),
    );
  });

  it("reads only the requested period's partition (another period's file is never opened)", async () => {
    await deliver(bucket, "cur2", "cur2", "2026-11", [{ folder: "", items: novemberItems }], "");
    const october = path.join(bucket, "cur2", "data", "BILLING_PERIOD=2026-10");
    fs.mkdirSync(october, { recursive: true });
    fs.writeFileSync(path.join(october, "cur2-00001.parquet"), "not parquet: reading it would fail");
    assertScenarioFigures(await reportFrom([bucket]));
  });

  it("refuses a manifest naming a file that is not here (a partial sync), naming the manifest", async () => {
    await deliver(
      bucket,
      "cur2",
      "cur2",
      "2026-11",
      [{ folder: "", items: novemberItems }],
      "missing-refresh",
    );
    await assert.rejects(
      reportFrom([bucket]),
      /cur2-Manifest\.json: dataFiles names s3:\/\/bucket\/prefix\/cur2\/data\/BILLING_PERIOD=2026-11\/missing-refresh/,
    );
  });
});
