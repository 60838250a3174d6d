import * as assert from "node:assert/strict";
import { runChargeback } from "../../tools/chargeback/chargeback";
import type { ChargebackReport } from "../../tools/chargeback/report";
import { awsTestEnv, withEnv } from "./aws-env";
import { startFakeCostExplorer, type FakeCostExplorerOptions } from "./cost-explorer-server";
import { discounted, novemberInvoice } from "./invoice-scenario";
import { alphaOtherArn, expected, novemberItems } from "./scenario";
import { assertScenarioFigures, close } from "./scenario-figures";
import { projectDir, prodOptions } from "./stack";

const options = prodOptions;
const afterNovember = new Date("2026-12-03T10:00:00Z");

async function withFakeCostExplorer<T>(
  fake: Omit<FakeCostExplorerOptions, "items"> & { items?: FakeCostExplorerOptions["items"] },
  body: (server: Awaited<ReturnType<typeof startFakeCostExplorer>>) => Promise<T>,
  endpointVariable = "AWS_ENDPOINT_URL_COST_EXPLORER",
): Promise<T> {
  const server = await startFakeCostExplorer({ items: novemberItems, ...fake });
  try {
    return await withEnv(awsTestEnv({ [endpointVariable]: server.url }), () => body(server));
  } finally {
    await server.close();
  }
}

/** The scenario's figures with alpha's enterprise discount: net 270.225 instead of 300.25. */
function assertScenarioFiguresNet(report: ChargebackReport): void {
  close(report.tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd, 270.225 + 450.5);
  close(report.totalBedrockUsd, expected.totalBedrockUsd - 30.025);
  close(report.unattributed.usd, expected.unattributed);
}

function reportOf(result: Awaited<ReturnType<typeof runChargeback>>): ChargebackReport {
  if ("errors" in result) assert.fail(result.errors.join("\n"));
  if (!("report" in result)) assert.fail("a trend, not a report");
  return result.report;
}

describe("chargeback from Cost Explorer (real SDK, local JSON-protocol endpoint)", function () {
  it("groups by the tenant and environment tags and gives the hand-worked figures", () =>
    withFakeCostExplorer({ today: "2026-12-03" }, async (server) => {
      const report = reportOf(await runChargeback(projectDir, options(), afterNovember));
      assert.equal(report.source, "cost-explorer");
      assert.equal(report.complete, true);
      assertScenarioFigures(report);
      // The wire: JSON protocol, us-east-1 signature, tag group-bys, exact service values.
      const usage = server.requests.filter((request) => request.operation === "GetCostAndUsage");
      assert.ok(usage.length > 0);
      assert.match(
        usage[0].authorization,
        /Credential=AKIDCHARGEBACKTEST\/\d{8}\/us-east-1\/ce\/aws4_request/,
      );
      assert.deepEqual(usage[0].body.GroupBy, [
        { Type: "TAG", Key: "tenant" },
        { Type: "TAG", Key: "environment" },
      ]);
      assert.deepEqual(usage[0].body.TimePeriod, { Start: "2026-11-01", End: "2026-12-01" });
      const dimension = server.requests.find((request) => request.operation === "GetDimensionValues");
      assert.equal(dimension?.body.Dimension, "SERVICE");
    }));

  it("follows NextPageToken to the last page", () =>
    withFakeCostExplorer({ today: "2026-12-03", pageSize: 1 }, async (server) => {
      const report = reportOf(await runChargeback(projectDir, options(), afterNovember));
      close(report.totalBedrockUsd, expected.totalBedrockUsd);
      close(report.unattributed.usd, expected.unattributed);
      const tokens = server.requests.map((request) => request.body.NextPageToken).filter(Boolean);
      assert.ok(tokens.length >= 5, `expected several pages, saw tokens ${JSON.stringify(tokens)}`);
    }));

  it("leaves throttling to the SDK's retry (LimitExceededException twice, then an answer)", () =>
    withFakeCostExplorer({ today: "2026-12-03", throttleFirst: 2 }, async (server) => {
      const report = reportOf(await runChargeback(projectDir, options(), afterNovember));
      close(report.totalBedrockUsd, expected.totalBedrockUsd);
      const first = server.requests.slice(0, 3).map((request) => request.operation);
      assert.deepEqual(first, ["GetDimensionValues", "GetDimensionValues", "GetDimensionValues"]);
    }));

  it("turns access denied into one line with the AWS error code and message", () =>
    withFakeCostExplorer({ today: "2026-12-03", deny: ["GetCostAndUsage"] }, async () => {
      const result = await runChargeback(projectDir, options(), afterNovember);
      assert.ok("errors" in result);
      assert.deepEqual(result.errors, [
        "Cost Explorer GetCostAndUsage: AccessDeniedException: User: arn:aws:iam::123456789012:user/finops is not authorized to perform: ce:GetCostAndUsage",
      ]);
    }));

  it("honours AWS_ENDPOINT_URL when no Cost Explorer-specific endpoint is set (the SDK's own rule)", () =>
    withFakeCostExplorer(
      { today: "2026-12-03" },
      async (server) => {
        const report = reportOf(await runChargeback(projectDir, options(), afterNovember));
        close(report.totalBedrockUsd, expected.totalBedrockUsd);
        assert.ok(server.requests.length > 0);
      },
      "AWS_ENDPOINT_URL",
    ));

  it("forecasts a month in progress with GetCostForecast, added to month-to-date", () =>
    withFakeCostExplorer({ today: "2026-11-16" }, async (server) => {
      const now = new Date("2026-11-16T12:00:00Z");
      const report = reportOf(await runChargeback(projectDir, options(), now));
      assert.equal(report.complete, false);
      assert.match(report.forecastMethod ?? "", /GetCostForecast/);
      const usage = server.requests.find((request) => request.operation === "GetCostAndUsage");
      assert.deepEqual(usage?.body.TimePeriod, { Start: "2026-11-01", End: "2026-11-17" });
      // Month to date (to the 16th): alpha 300.25 (the 450.50 is on the 20th); pace 300.25 / 15 days
      // before the forecast's start, over the 15 days from the 16th to the 1st.
      const alpha = report.tenants.find((tenant) => tenant.tenant === "alpha")!;
      close(alpha.bedrockUsd, 300.25);
      close(alpha.forecastUsd, 300.25 + (300.25 / 15) * 15);
      const forecast = server.requests.find((request) => request.operation === "GetCostForecast");
      assert.deepEqual(forecast?.body.TimePeriod, { Start: "2026-11-16", End: "2026-12-01" });
      assert.equal(forecast?.body.Metric, "NET_UNBLENDED_COST");
    }));

  it("counts usage record types only for tenants and the untagged figure; other record types are adjustments by type", () =>
    withFakeCostExplorer({ today: "2026-12-03", items: discounted }, async (server) => {
      const report = reportOf(await runChargeback(projectDir, options(), afterNovember));
      assertScenarioFiguresNet(report);
      // Cost Explorer filters by usage date: the refund of November usage invoiced in December is November's here.
      assert.equal(report.periodBasis, "usage");
      assert.deepEqual(
        Object.fromEntries(report.adjustments.byType.map((entry) => [entry.type, entry.usd])),
        { ...novemberInvoice.adjustments, Refund: -34 },
      );
      close(report.invoiceBedrockUsd, report.totalBedrockUsd + report.adjustments.usd);
      const untagged = server.requests.find(
        (request) =>
          request.operation === "GetCostAndUsage" && JSON.stringify(request.body.Filter).includes("ABSENT"),
      );
      assert.match(
        JSON.stringify(untagged?.body.Filter),
        /"Key":"RECORD_TYPE","Values":\["Usage","DiscountedUsage","SavingsPlanCoveredUsage"\]/,
      );
      assert.deepEqual(untagged?.body.Metrics, ["NetUnblendedCost"]);
      const unblended = reportOf(
        await runChargeback(projectDir, options({ costBasis: "unblended" }), afterNovember),
      );
      close(unblended.tenants.find((tenant) => tenant.tenant === "alpha")?.bedrockUsd, 750.75);
    }));

  it("gives per-profile spend from GetCostAndUsageWithResources inside its 14-day window", () =>
    withFakeCostExplorer({ today: "2026-11-21" }, async () => {
      const now = new Date("2026-11-21T12:00:00Z");
      const report = reportOf(await runChargeback(projectDir, options({ byProfile: true }), now));
      const alpha = report.tenants.find((tenant) => tenant.tenant === "alpha")!;
      // The 14-day window starts on the 7th: of alpha's line items (the 3rd and the 20th), only the 20th is in it.
      assert.deepEqual(alpha.profiles, [
        { profile: "zz9yy8xx7ww6", arn: alphaOtherArn, model: null, usd: 450.5 },
      ]);
      assert.ok(
        report.notes.some((note) => /cover 2026-11-07 to 2026-11-22 only/.test(note)),
        report.notes.join("\n"),
      );
    }));

  it("says plainly that per-profile data is not available for an older month", () =>
    withFakeCostExplorer({ today: "2026-12-20" }, async (server) => {
      const report = reportOf(
        await runChargeback(projectDir, options({ byProfile: true }), new Date("2026-12-20T00:00:00Z")),
      );
      assert.ok(
        report.notes.some((note) => /last 14 days only.*2026-11 is older.*--cur/.test(note)),
        report.notes.join("\n"),
      );
      assert.ok(!server.requests.some((request) => request.operation === "GetCostAndUsageWithResources"));
      assert.deepEqual(report.tenants.find((tenant) => tenant.tenant === "alpha")!.profiles, []);
    }));

  it("goes on without profiles, saying why, when resource-level data is not opted in", () =>
    withFakeCostExplorer({ today: "2026-11-21", unavailable: ["GetCostAndUsageWithResources"] }, async () => {
      const result = await runChargeback(
        projectDir,
        options({ byProfile: true }),
        new Date("2026-11-21T12:00:00Z"),
      );
      const report = reportOf(result);
      assert.ok(
        report.notes.some((note) =>
          /GetCostAndUsageWithResources is not available \(Cost Explorer GetCostAndUsageWithResources: DataUnavailableException: .*\); opt in to resource-level data/.test(
            note,
          ),
        ),
        report.notes.join("\n"),
      );
      assert.deepEqual(report.tenants.find((tenant) => tenant.tenant === "alpha")!.profiles, []);
      close(report.tenants.find((tenant) => tenant.tenant === "alpha")!.bedrockUsd, expected.alpha);
    }));

  it("goes on without a forecast, saying why, when Cost Explorer has too little history", () =>
    withFakeCostExplorer({ today: "2026-11-16", unavailable: ["GetCostForecast"] }, async () => {
      const report = reportOf(await runChargeback(projectDir, options(), new Date("2026-11-16T12:00:00Z")));
      assert.equal(report.tenants.find((tenant) => tenant.tenant === "alpha")!.forecastUsd, undefined);
      assert.ok(
        report.notes.some((note) => /^No forecast for alpha: DataUnavailableException/.test(note)),
        report.notes.join("\n"),
      );
    }));

  it("assumes the stack's billing.roleArn with --assume-role and signs with the role's credentials", () =>
    withFakeCostExplorer({ today: "2026-12-03" }, async (server) => {
      process.env.AWS_ENDPOINT_URL_STS = server.url;
      const report = reportOf(await runChargeback(projectDir, options({ assumeRole: true }), afterNovember));
      close(report.totalBedrockUsd, expected.totalBedrockUsd);
      const assume = server.requests.find((request) => request.operation === "sts:AssumeRole");
      assert.equal(assume?.body.RoleArn, "arn:aws:iam::123456789012:role/bedrock-governance-billing");
      const usage = server.requests.find((request) => request.operation === "GetCostAndUsage");
      assert.match(usage?.authorization ?? "", /Credential=ASIAASSUMEDROLE\//);
    }));
});
