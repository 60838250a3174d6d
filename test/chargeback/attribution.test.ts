import * as assert from "node:assert/strict";
import { attribute, stackAccountIds } from "../../tools/chargeback/attribution";
import { isBedrockService } from "../../tools/chargeback/bedrock-services";
import { exitCodeOf, tenantsInReadingOrder } from "../../tools/chargeback/report";
import type { SpendRow } from "../../tools/chargeback/spend";
import { claimsAi, outsideAccount, sharedAi } from "./scenario";
import { prodStack } from "./stack";

const stack = prodStack();
const report = (
  rows: SpendRow[],
  extra: { complete?: boolean; forecast?: Map<string, number>; config?: typeof stack.config } = {},
) =>
  attribute({
    stack: "prod",
    month: "2026-11",
    complete: extra.complete ?? true,
    config: extra.config ?? stack.config,
    tenants: stack.tenants,
    spend: {
      source: "test",
      rows,
      notes: [],
      ...(extra.forecast ? { forecastUsd: extra.forecast, forecastMethod: "test method" } : {}),
    },
    byProfile: false,
    costBasis: "net",
    periodBasis: "billing",
  });
const spendOf = (result: ReturnType<typeof report>, tenant: string) =>
  result.tenants.find((entry) => entry.tenant === tenant)?.bedrockUsd;
const row = (fields: Partial<SpendRow>): SpendRow => ({
  account: sharedAi,
  service: "Amazon Bedrock",
  usd: 10,
  ...fields,
});

describe("chargeback attribution rules", () => {
  it("counts Amazon Bedrock and the Marketplace '(Amazon Bedrock Edition)' services, nothing else", () => {
    assert.ok(isBedrockService("Amazon Bedrock"));
    assert.ok(isBedrockService("Claude 3 Haiku (Amazon Bedrock Edition)"));
    assert.ok(!isBedrockService("Amazon Bedrock AgentCore Console"));
    assert.ok(!isBedrockService("Amazon Elastic Compute Cloud - Compute"));
    const result = report([
      row({ tenant: "alpha", environment: "prod", usd: 100 }),
      row({
        tenant: "alpha",
        environment: "prod",
        service: "Claude 3 Haiku (Amazon Bedrock Edition)",
        usd: 250,
      }),
      row({ tenant: "alpha", environment: "prod", service: "Amazon Simple Storage Service", usd: 9999 }),
    ]);
    assert.equal(spendOf(result, "alpha"), 350);
    assert.equal(result.totalBedrockUsd, 350);
  });

  it("charges a tenant only the spend tagged with this stack's environment", () => {
    const result = report([
      row({ tenant: "alpha", environment: "prod", usd: 100 }),
      row({ tenant: "alpha", environment: "dev", usd: 40 }),
      row({ tenant: "alpha", usd: 2 }),
    ]);
    assert.equal(spendOf(result, "alpha"), 100);
    assert.equal(result.otherEnvironmentsUsd, 42);
    assert.equal(result.totalBedrockUsd, 142);
  });

  it("leaves spend outside the stack's accounts out of the report", () => {
    const result = report([
      row({ tenant: "alpha", environment: "prod", usd: 100 }),
      row({ account: outsideAccount, tenant: "alpha", environment: "prod", usd: 500 }),
      row({ account: outsideAccount, usd: 500 }),
    ]);
    assert.equal(spendOf(result, "alpha"), 100);
    assert.equal(result.totalBedrockUsd, 100);
    assert.equal(result.unattributed.usd, 0);
  });

  it("uses only the scoped account of a split stack (accountScope)", () => {
    const config = { ...stack.config, accountScope: "claims-ai" };
    assert.deepEqual([...stackAccountIds(config)], [claimsAi]);
    const result = report([row({ usd: 7 }), row({ account: claimsAi, usd: 3 })], { config });
    assert.equal(result.totalBedrockUsd, 3);
  });

  it("reports untagged spend (no or blank tenant tag) with its share and largest contributors", () => {
    const result = report([
      row({ tenant: "alpha", environment: "prod", usd: 600 }),
      row({ usageType: "USE1-a", usd: 100 }),
      row({ usageType: "USE1-a", usd: 50, tenant: "" }),
      row({
        account: claimsAi,
        service: "Claude 3.5 Sonnet (Amazon Bedrock Edition)",
        usageType: "USW2-b",
        usd: 250,
      }),
    ]);
    assert.equal(result.unattributed.usd, 400);
    assert.equal(result.unattributed.share, 0.4);
    assert.deepEqual(result.unattributed.top, [
      {
        account: claimsAi,
        service: "Claude 3.5 Sonnet (Amazon Bedrock Edition)",
        usageType: "USW2-b",
        usd: 250,
      },
      { account: sharedAi, service: "Amazon Bedrock", usageType: "USE1-a", usd: 150 },
    ]);
  });

  it("lists tenant tags that no tenant of the stack has under unknownTenants", () => {
    const result = report([
      row({ tenant: "ghost", environment: "prod", usd: 5 }),
      row({ tenant: "phantom", environment: "prod", usd: 9 }),
      row({ tenant: "alpha", environment: "prod", usd: 1 }),
    ]);
    assert.deepEqual(result.unknownTenants, [
      { tenant: "phantom", bedrockUsd: 9 },
      { tenant: "ghost", bedrockUsd: 5 },
    ]);
    assert.equal(result.unattributed.usd, 0);
    assert.deepEqual(result.tenants.map((entry) => entry.tenant).sort(), ["alpha", "beta", "gamma"]);
  });

  it("exits 1 when a tenant is over budget, and lists over-budget tenants first", () => {
    const within = report([row({ tenant: "alpha", environment: "prod", usd: 900 })]);
    assert.equal(exitCodeOf(within), 0);
    const over = report([
      row({ tenant: "alpha", environment: "prod", usd: 900 }),
      row({ tenant: "beta", environment: "prod", usd: 500.01 }),
    ]);
    assert.equal(exitCodeOf(over), 1);
    const beta = over.tenants.find((entry) => entry.tenant === "beta")!;
    assert.equal(beta.budgetUsd, 500);
    assert.ok(Math.abs(beta.budgetUsedPercent - 100.002) < 1e-9);
    assert.deepEqual(
      tenantsInReadingOrder(over).map((entry) => entry.tenant),
      ["beta", "alpha", "gamma"],
    );
  });

  it("exits 1 when untagged spend is above --max-unattributed-percent, and only when one is set", () => {
    const result = report([row({ tenant: "alpha", environment: "prod", usd: 75 }), row({ usd: 25 })]);
    assert.equal(exitCodeOf(result), 0);
    assert.equal(exitCodeOf(result, 30), 0);
    assert.equal(exitCodeOf(result, 25), 0);
    assert.equal(exitCodeOf(result, 24.9), 1);
  });

  it("shows a forecast for a month in progress only, labelled with its method", () => {
    const forecast = new Map([["alpha", 1200]]);
    const inProgress = report([row({ tenant: "alpha", environment: "prod", usd: 600 })], {
      complete: false,
      forecast,
    });
    assert.equal(inProgress.complete, false);
    assert.equal(inProgress.tenants.find((entry) => entry.tenant === "alpha")?.forecastUsd, 1200);
    assert.equal(inProgress.forecastMethod, "test method");
    const complete = report([row({ tenant: "alpha", environment: "prod", usd: 600 })], { forecast });
    assert.equal(complete.tenants.find((entry) => entry.tenant === "alpha")?.forecastUsd, undefined);
    assert.equal(complete.forecastMethod, undefined);
  });
});
