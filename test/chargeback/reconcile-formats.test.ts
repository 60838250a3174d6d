import * as assert from "node:assert/strict";
import { parseChargebackArgs as parseArgs } from "../../tools/chargeback/args";
import { attribute, topContributorCount } from "../../tools/chargeback/attribution";
import { renderCsv, summedRowTypes } from "../../tools/chargeback/render-csv";
import { renderHtml } from "../../tools/chargeback/render-html";
import { renderJson } from "../../tools/chargeback/render-json";
import { renderMarkdown } from "../../tools/chargeback/render-markdown";
import { renderText } from "../../tools/chargeback/render-text";
import { palette } from "../../tools/chargeback/render-svg";
import type { ChargebackReport } from "../../tools/chargeback/report";
import type { SpendRow } from "../../tools/chargeback/spend";
import { claimsAi, sharedAi, sonnetEdition } from "./scenario";
import { close } from "./scenario-figures";
import { prodStack } from "./stack";

const stack = prodStack();
const rows: SpendRow[] = [
  { account: sharedAi, service: "Amazon Bedrock", tenant: "alpha", environment: "prod", usd: 700.1 },
  { account: sharedAi, service: "Amazon Bedrock", tenant: "beta", environment: "prod", usd: 420.55 },
  { account: claimsAi, service: "Amazon Bedrock", tenant: "gamma", environment: "dev", usd: 80 },
  { account: sharedAi, service: "Amazon Bedrock", tenant: "ghost", environment: "prod", usd: 33.33 },
  ...Array.from({ length: 12 }, (_, index) => ({
    account: claimsAi,
    service: sonnetEdition,
    usageType: `USW2-usage-${index}`,
    usd: 10 + index,
  })),
  { account: sharedAi, service: "Amazon Bedrock", chargeType: "Tax", usd: 115 },
  { account: claimsAi, service: sonnetEdition, chargeType: "Credit", usd: -102.5 },
];
/** A month in progress: beta's forecast (2 x 420.55) passes its 500 budget while its spend does not. */
const report: ChargebackReport = attribute({
  stack: "prod",
  month: "2026-11",
  complete: false,
  config: stack.config,
  tenants: stack.tenants,
  spend: {
    source: "cur2",
    rows,
    notes: [],
    forecastUsd: new Map([
      ["alpha", 900],
      ["beta", 841.1],
      ["gamma", 0],
    ]),
    forecastMethod: "test",
  },
  byProfile: false,
  costBasis: "net",
  periodBasis: "billing",
});
const usageParts = (parts: number[]) => parts.reduce((sum, part) => sum + part, 0);
const dollars = (text: string) => Number(text.replace(/[$,]/g, ""));

describe("every format reconciles: its rows add up to its totals", function () {
  it("json: tenants + unknown + other environments + unattributed = usage; usage + adjustments = invoice", () => {
    const json = JSON.parse(renderJson(report)) as ChargebackReport;
    const usage = usageParts([
      ...json.tenants.map((tenant) => tenant.bedrockUsd),
      ...json.unknownTenants.map((entry) => entry.bedrockUsd),
      json.otherEnvironmentsUsd,
      json.unattributed.usd,
    ]);
    close(usage, json.totalBedrockUsd);
    close(usageParts(json.adjustments.byType.map((entry) => entry.usd)), json.adjustments.usd);
    close(json.totalBedrockUsd + json.adjustments.usd, json.invoiceBedrockUsd);
  });

  it("csv: the summed row types add up to the total row (to the cent), profile rows apart", () => {
    const [header, ...lines] = renderCsv(report)
      .trimEnd()
      .split("\r\n")
      .map((line) => line.split(","));
    const at = (name: string) => header.indexOf(name);
    const summed = lines.filter((line) => (summedRowTypes as string[]).includes(line[at("row_type")]));
    const total = lines.filter((line) => line[at("row_type")] === "total");
    assert.equal(total.length, 1);
    // More untagged contributors than the report lists: the listed ones, and one row for the rest.
    assert.equal(
      lines.filter((line) => line[at("row_type")] === "unattributed").length,
      topContributorCount + 1,
    );
    const sum = summed.reduce((acc, line) => acc + Number(line[at("bedrock_usd")]), 0);
    assert.ok(Math.abs(sum - Number(total[0][at("bedrock_usd")])) < 0.005 * summed.length, `${sum}`);
    close(Number(total[0][at("bedrock_usd")]), Math.round(report.invoiceBedrockUsd * 100) / 100);
  });

  for (const [name, render] of [
    ["text", renderText],
    ["markdown", renderMarkdown],
  ] as const)
    it(`${name}: states usage + adjustments = invoice total, and lists each adjustment type`, () => {
      const text = render(report);
      const match =
        /Bedrock usage (\$[\d,.]+) \+ adjustments (-?\$[\d,.]+) = invoice total (\$[\d,.]+) \(net cost, by billing period\)/.exec(
          text,
        );
      assert.ok(match, text);
      close(dollars(match[1]) + dollars(match[2]), dollars(match[3]));
      assert.match(text, /Tax\W+\$115\.00/);
      assert.match(text, /Credit\W+-\$102\.50/);
    });

  it("html: every bucket drawn and labelled, a legend entry for every colour, the forecast drawn and flagged over budget", () => {
    const html = renderHtml(report);
    const svg = /<svg xmlns[\s\S]*?<\/svg>/.exec(html)![0];
    const bars = [...svg.matchAll(/<rect class="([^"]+)"([^>]*)>/g)].map((bar) => ({
      class: bar[1],
      usd: Number(/data-usd="([^"]+)"/.exec(bar[2])![1]),
      // A forecast is a dashed outline: its colour is its stroke.
      colour: (/stroke="([^"]+)"/.exec(bar[2]) ?? /fill="([^"]+)"/.exec(bar[2]))![1],
    }));
    const usage = bars.filter((bar) =>
      ["actual", "unknown", "other-environment", "unattributed"].includes(bar.class),
    );
    close(usageParts(usage.map((bar) => bar.usd)), report.totalBedrockUsd);
    close(
      usageParts(bars.filter((bar) => bar.class === "adjustment").map((bar) => bar.usd)),
      report.adjustments.usd,
    );
    // Every bar has a value label, and every colour drawn is in the legend.
    assert.equal((svg.match(/<text class="value"/g) ?? []).length, bars.length);
    const legend = /<ul class="legend">[\s\S]*?<\/ul>/.exec(html)![0];
    for (const colour of new Set(bars.map((bar) => bar.colour)))
      assert.ok(legend.includes(`data-colour="${colour}"`), colour);
    const forecasts = bars.filter((bar) => bar.class.startsWith("forecast"));
    assert.equal(forecasts.length, 3);
    const beta = bars.find((bar) => bar.class === "forecast over")!;
    close(beta.usd, 841.1);
    assert.equal(beta.colour, palette.forecastOver.fill);
    assert.match(svg, /forecast \$841\.10 OVER BUDGET/);
    assert.match(html, /<td class="forecast-over">\$841\.10 \(over budget\)<\/td>/);
  });
});

describe("months that have not begun", function () {
  it("refuses a future month and a trend ending in the future (exit 2 at the CLI)", () => {
    const now = new Date("2026-12-07T00:00:00Z");
    assert.throws(
      () => parseArgs(["--stack", "prod", "--month", "2027-01"], now),
      /--month: 2027-01 has not begun/,
    );
    assert.throws(
      () => parseArgs(["--stack", "prod", "--from", "2026-10", "--to", "2027-02"], now),
      /--to: 2027-02 has not begun/,
    );
    assert.equal(parseArgs(["--stack", "prod", "--month", "2026-12"], now).month, "2026-12");
  });
});
