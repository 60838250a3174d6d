import * as assert from "node:assert/strict";
import { renderCsv } from "../../tools/chargeback/render-csv";
import { chartWidth, renderHtml } from "../../tools/chargeback/render-html";
import { renderJson } from "../../tools/chargeback/render-json";
import { renderMarkdown } from "../../tools/chargeback/render-markdown";
import { renderText } from "../../tools/chargeback/render-text";
import type { ChargebackReport } from "../../tools/chargeback/report";

const report: ChargebackReport = {
  stack: "prod",
  month: "2026-11",
  currency: "USD",
  source: "cur2",
  complete: true,
  costBasis: "net",
  periodBasis: "billing",
  totalBedrockUsd: 2004.083,
  adjustments: {
    usd: 30.5,
    byType: [
      { type: "Credit", usd: -120 },
      { type: "Tax", usd: 150.5 },
    ],
  },
  invoiceBedrockUsd: 2034.583,
  mandatoryTags: ["tenant", "environment", "dept", "team", "cost-center"],
  tenants: [
    {
      tenant: "alpha",
      bedrockUsd: 750.754,
      budgetUsd: 1000,
      budgetUsedPercent: 75.0754,
      tags: {
        tenant: "alpha",
        environment: "prod",
        dept: "claims",
        team: "ai, platform",
        "cost-center": "CC-100",
      },
      profiles: [
        {
          profile: "chat",
          arn: "arn:aws:bedrock:us-east-1:777788889999:application-inference-profile/a1b2c3d4e5f6",
          model: "amazon.nova-lite-v1:0",
          usd: 300.25,
        },
      ],
    },
    {
      tenant: "gamma",
      bedrockUsd: 120,
      budgetUsd: 200,
      budgetUsedPercent: 60,
      profiles: [],
      tags: { dept: "ops" },
    },
    { tenant: "beta", bedrockUsd: 620, budgetUsd: 500, budgetUsedPercent: 124, profiles: [], tags: {} },
  ],
  unattributed: {
    usd: 400,
    share: 400 / 2004.083,
    top: [
      {
        account: "012345678901",
        service: "Claude 3.5 Sonnet (Amazon Bedrock Edition)",
        usageType: "USW2-MP:USW2_OutputTokenCount-Units",
        usd: 200,
      },
    ],
  },
  unknownTenants: [{ tenant: "ghost", bedrockUsd: 33.33 }],
  otherEnvironmentsUsd: 80,
  notes: [],
};

/** Every `<rect>` of the SVG with its attributes and the `data-tenant` of its group. */
function rects(html: string): Array<Record<string, string>> {
  const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? assert.fail("no inline SVG");
  const attributes = (text: string) =>
    Object.fromEntries(
      [...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((attribute) => [attribute[1], attribute[2]]),
    );
  return [...svg.matchAll(/<g data-tenant="([^"]*)">([\s\S]*?)<\/g>/g)].flatMap((group) =>
    [...group[2].matchAll(/<rect\b([^>]*)>/g)].map((rect) => ({ group: group[1], ...attributes(rect[1]) })),
  );
}

describe("chargeback renderers", () => {
  it("json: the documented shape, amounts unrounded", () => {
    const parsed = JSON.parse(renderJson(report));
    for (const key of [
      "stack",
      "month",
      "currency",
      "source",
      "complete",
      "totalBedrockUsd",
      "tenants",
      "unattributed",
      "unknownTenants",
    ])
      assert.ok(key in parsed, key);
    assert.equal(parsed.tenants[0].bedrockUsd, 750.754);
    assert.deepEqual(Object.keys(parsed.unattributed), ["usd", "share", "top"]);
    assert.deepEqual(Object.keys(parsed.tenants[0].profiles[0]), ["profile", "arn", "model", "usd"]);
  });

  it("text: over-budget tenants first, then by spend, amounts in cents", () => {
    const text = renderText(report);
    const order = ["beta", "alpha", "gamma"].map((tenant) => text.indexOf(`  ${tenant} `));
    assert.ok(order.every((position) => position > 0) && order[0] < order[1] && order[1] < order[2], text);
    assert.match(text, /OVER\s+beta\s+\$620\.00\s+\$500\.00\s+124\.0%/);
    assert.match(text, /alpha\s+\$750\.75\s+\$1,000\.00\s+75\.1%/);
    assert.match(text, /Total Bedrock spend: \$2,004\.08/);
    assert.match(text, /Unattributed \(no tenant tag\): \$400\.00, 20\.0% of the total/);
    assert.match(text, /ghost: \$33\.33/);
    assert.match(text, /another or no environment: \$80\.00/);
  });

  it("markdown: the same order, a table per section", () => {
    const markdown = renderMarkdown(report);
    assert.ok(markdown.indexOf("**beta** (over budget)") < markdown.indexOf("| alpha |"));
    assert.ok(markdown.indexOf("| alpha |") < markdown.indexOf("| gamma |"));
    assert.match(markdown, /\| alpha \| \$750\.75 \| \$1,000\.00 \| 75\.1% \|/);
    assert.match(markdown, /### Unattributed: \$400\.00 \(20\.0% of the total\)/);
    assert.match(markdown, /\| 012345678901 \| Claude 3\.5 Sonnet \(Amazon Bedrock Edition\) \|/);
    assert.match(markdown, /\| alpha \| chat \| amazon\.nova-lite-v1:0 \| \$300\.25 \|/);
  });

  it("csv: a row_type per row, the mandatory tags as columns, quoted per RFC 4180", () => {
    const lines = renderCsv(report).trimEnd().split("\r\n");
    assert.equal(
      lines[0],
      "row_type,stack,month,complete,cost_basis,tenant,profile,arn,model,environment,dept,team,cost-center,account,service,usage_type,adjustment_type,bedrock_usd,budget_usd,budget_used_percent,forecast_usd,over_budget",
    );
    assert.equal(lines[1], "tenant,prod,2026-11,true,net,beta,,,,,,,,,,,,620.00,500.00,124.0,,true");
    assert.equal(
      lines[2],
      'tenant,prod,2026-11,true,net,alpha,,,,prod,claims,"ai, platform",CC-100,,,,,750.75,1000.00,75.1,,false',
    );
    assert.equal(
      lines[3],
      'profile,prod,2026-11,true,net,alpha,chat,arn:aws:bedrock:us-east-1:777788889999:application-inference-profile/a1b2c3d4e5f6,amazon.nova-lite-v1:0,prod,claims,"ai, platform",CC-100,,,,,300.25,,,,',
    );
    assert.ok(lines.includes("unknown-tenant,prod,2026-11,true,net,ghost,,,,,,,,,,,,33.33,,,,"));
    assert.ok(lines.includes("adjustment,prod,2026-11,true,net,,,,,,,,,,,,Tax,150.50,,,,"));
    assert.ok(lines.at(-1)!.startsWith("total,"));
  });

  it("html: self-contained, and each SVG bar's length is its figure on one scale", () => {
    const html = renderHtml(report);
    assert.ok(
      !/<script|<link|src=|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(html),
      "no script or network reference",
    );
    const bars = rects(html);
    const largest = 1000; // alpha's budget is the largest figure
    const expectedWidth = (usd: number) => (usd / largest) * chartWidth;
    for (const tenant of report.tenants) {
      const actual = bars.find((bar) => bar.class === "actual" && bar.group === tenant.tenant);
      const budget = bars.find((bar) => bar.class === "budget" && bar.group === tenant.tenant);
      assert.ok(actual && budget, tenant.tenant);
      assert.ok(
        Math.abs(Number(actual.width) - expectedWidth(tenant.bedrockUsd)) < 0.01,
        `${tenant.tenant} spend bar`,
      );
      assert.ok(
        Math.abs(Number(budget.width) - expectedWidth(tenant.budgetUsd)) < 0.01,
        `${tenant.tenant} budget bar`,
      );
    }
    const unattributed = bars.filter((bar) => bar.class === "unattributed" && bar.group === "(unattributed)");
    assert.equal(unattributed.length, 1);
    assert.ok(Math.abs(Number(unattributed[0].width) - expectedWidth(400)) < 0.01);
    assert.equal(bars.filter((bar) => bar.class === "actual").length, 3);
    // beta is over budget: its spend bar is longer than its budget bar, and red.
    const beta = bars.find((bar) => bar.class === "actual" && bar.group === "beta")!;
    assert.equal(beta.fill, "#cf222e");
  });
});
