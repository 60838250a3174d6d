import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { tempDir } from "../helpers/temp-files";
import type { ChargebackOptions } from "../../tools/chargeback/args";
import { runChargeback } from "../../tools/chargeback/chargeback";
import { trendRenderers } from "../../tools/chargeback/render-trend";
import { type TrendReport, trendExitCode } from "../../tools/chargeback/trend";
import { awsTestEnv, withEnv } from "./aws-env";
import { startFakeCostExplorer } from "./cost-explorer-server";
import { writeExport } from "./export-fixtures";
import { invoiceItems, novemberInvoice } from "./invoice-scenario";
import { expected } from "./scenario";
import { close } from "./scenario-figures";
import { prodOptions, projectDir } from "./stack";

const options = (extra: Partial<ChargebackOptions>): ChargebackOptions =>
  prodOptions({ month: "2026-12", trend: { from: "2026-10", to: "2026-12" }, ...extra });
const now = new Date("2027-01-05T00:00:00Z");

async function trendOf(extra: Partial<ChargebackOptions>): Promise<TrendReport> {
  const result = await runChargeback(projectDir, options(extra), now);
  if (!("trend" in result)) assert.fail(JSON.stringify(result));
  return result.trend;
}

describe("chargeback trend (--from/--to)", function () {
  let directory: string;
  before(() => {
    directory = tempDir("chargeback-trend-");
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it("reports each month by the one-month rules from one read of an export, in every format", async () => {
    const file = await writeExport(directory, "cur2", invoiceItems, "cur2", "parquet");
    const trend = await trendOf({ cur: [file] });
    assert.deepEqual(
      trend.months.map((report) => report.month),
      ["2026-10", "2026-11", "2026-12"],
    );
    const [october, november, december] = trend.months;
    close(october.tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd, 777);
    close(november.totalBedrockUsd, expected.totalBedrockUsd);
    close(november.invoiceBedrockUsd, novemberInvoice.invoice);
    assert.deepEqual(december.adjustments.byType, [{ type: "Refund", usd: -34 }]);
    assert.equal(trendExitCode(trend), 1); // beta is over budget in November

    const csv = trendRenderers.csv(trend).trimEnd().split("\r\n");
    assert.equal(csv.filter((line) => line.startsWith("total,")).length, 3);
    const json = JSON.parse(trendRenderers.json(trend)) as TrendReport;
    assert.equal(json.months.length, 3);
    const markdown = trendRenderers.markdown(trend);
    assert.match(markdown, /\| alpha \| \$777\.00 \| \$750\.75 \| \$10\.00 \|/);
    assert.match(markdown, /\| invoice total \| \$777\.00 \| \$1,987\.43 \| -\$24\.00 \|/);
    const html = trendRenderers.html(trend);
    const svg = /<svg xmlns[\s\S]*?<\/svg>/.exec(html)![0];
    const alpha = /<g data-series="alpha">([\s\S]*?)<\/g>/.exec(svg)![1];
    assert.deepEqual(
      [...alpha.matchAll(/data-usd="([^"]+)"/g)].map((match) => Number(match[1])),
      [777, 750.75, 10],
    );
    assert.match(html, /<li data-colour="#bf8700">[^<]*<svg[\s\S]*?<\/svg> \(unattributed\)<\/li>/);
    assert.match(trendRenderers.text(trend), /^alpha\s+\$777\.00\s+\$750\.75\s+\$10\.00$/m);
  });

  it("reads Cost Explorer month by month with the same rules", async () => {
    const server = await startFakeCostExplorer({ items: invoiceItems, today: "2027-01-05" });
    try {
      const trend = await withEnv(awsTestEnv({ AWS_ENDPOINT_URL_COST_EXPLORER: server.url }), () =>
        trendOf({ trend: { from: "2026-11", to: "2026-12" } }),
      );
      assert.equal(trend.source, "cost-explorer");
      close(trend.months[0].totalBedrockUsd, expected.totalBedrockUsd);
      close(trend.months[1].tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd, 10);
      assert.equal(trend.periodBasis, "usage");
    } finally {
      await server.close();
    }
  });
});
