import * as assert from "node:assert/strict";
import { summarizePlan } from "../../../tools/check/plan/summary";
import { readStackExport } from "../../../tools/check/input/stack-export";
import { tempFile } from "../../helpers/check-cli";
import { exampleResources, renameTenant, shuffled } from "../../helpers/check-report";
import { compliantExport } from "../../fixtures/stack-export";

describe("the plan summary", () => {
  const resources = exampleResources();
  const plan = summarizePlan(resources);
  const tenant = (name: string) =>
    plan.accounts.flatMap((account) => account.tenants).find((t) => t.name === name)!;

  it("groups the example export's tenants by the account of their provider", () => {
    assert.deepEqual(
      plan.accounts.map((account) => [account.label, account.region, account.tenants.map((t) => t.name)]),
      [
        ["claims-ai (444455556666)", "us-east-1", ["triage"]],
        ["shared-ai (111122223333)", "us-east-1", ["search", "support", "translate"]],
      ],
    );
    assert.equal(plan.tenants, 4);
    assert.equal(plan.profiles, 4);
    assert.equal(plan.monthlyBudgetUsd, 3200);
  });

  it("shows every alarm's threshold, the computed defaults included, on the profile it watches", () => {
    const [profile] = tenant("translate").profiles;
    assert.deepEqual(
      profile.alarms.map(({ watches, comparison, threshold, period, usd }) => ({
        watches,
        comparison,
        threshold,
        period,
        usd,
      })),
      [
        { watches: "Estimated USD per day", comparison: ">", threshold: 53.33, period: undefined, usd: true },
        { watches: "Invocations", comparison: ">", threshold: 165, period: "a minute", usd: false },
        {
          watches: "InvocationThrottles",
          comparison: ">",
          threshold: 10,
          period: "per 5 minutes",
          usd: false,
        },
      ],
    );
    assert.equal(tenant("translate").alarms, 3);
    assert.deepEqual(tenant("translate").otherAlarms, []);
  });

  it("splits the cost of an account's budgets beyond AWS's free tier evenly, and says what it is", () => {
    const shared = plan.accounts.find((account) => account.accountId === "111122223333")!;
    // Three budgets, two free: one budget at $0.02 a day, shared by the three.
    assert.equal(shared.budgetCost?.budgets, 3);
    assert.equal(shared.budgetCost?.actionEnabledBudgets, 1);
    assert.equal(shared.budgetCost?.usdPerMonth.toFixed(4), ((0.02 * 365) / 12).toFixed(4));
    assert.equal(shared.budgetCost?.usdPerBudget.toFixed(4), ((0.02 * 365) / 12 / 3).toFixed(4));
    // Alarms: two standard ($0.10) and one metric-math alarm reading two metrics ($0.20); plus the budget's share.
    assert.deepEqual(
      ["search", "support", "translate", "triage"].map((name) => tenant(name).governanceUsdPerMonth),
      [0.6, 0.6, 0.6, 0.4],
    );
    assert.equal(plan.governanceUsdPerMonth, 2.2);
  });

  it("attributes the same cost to each tenant whatever the order of the resources or the tenants' names", () => {
    const costs = (summary: ReturnType<typeof summarizePlan>) =>
      Object.fromEntries(
        summary.accounts.flatMap((account) => account.tenants.map((t) => [t.name, t.governanceUsdPerMonth])),
      );
    for (const seed of [1, 2, 3, 4, 5]) {
      assert.deepEqual(summarizePlan(shuffled(resources, seed)), plan, `order of seed ${seed}`);
    }
    // "search" sorted first, where the old attribution gave it a free budget; renamed it sorts last.
    const renamed = costs(summarizePlan(shuffled(renameTenant(resources, "search", "zz-search"), 7)));
    const { search, ...others } = costs(plan);
    assert.deepEqual(renamed, { ...others, "zz-search": search });
  });

  it("reads each profile's protect flag", () => {
    const protectedResources = resources.map((resource) =>
      resource.type === "aws:bedrock/inferenceProfile:InferenceProfile"
        ? { ...resource, protect: true }
        : resource,
    );
    assert.deepEqual(
      summarizePlan(protectedResources).accounts.flatMap((account) =>
        account.tenants.flatMap((t) => t.profiles.map((p) => p.protect)),
      ),
      [true, true, true, true],
    );
    assert.equal(tenant("search").profiles[0].protect, false);
  });

  it("lists the tenants the stack leaves out, by name", () => {
    const leftOut = [
      { name: "zeta", file: "tenants/zeta.ts", reason: "environments.dev.enabled is false" },
      { name: "alpha", file: "tenants/alpha.ts", reason: "environments.dev.enabled is false" },
    ];
    assert.deepEqual(
      summarizePlan(resources, leftOut).leftOut.map((t) => t.name),
      ["alpha", "zeta"],
    );
  });

  it("puts a resource with no ARN and an account-less provider where its provider's other resources act", () => {
    const read = readStackExport(tempFile("export.json", JSON.stringify(compliantExport())));
    assert.ok(!("errors" in read));
    const summary = summarizePlan(read.resources);
    assert.deepEqual(
      summary.accounts.map((account) => [
        account.label,
        account.tenants.map((t) => [t.name, t.profiles.length, t.budget?.monthlyUsd, t.alarms]),
      ]),
      [["111122223333", [["claims", 1, 300, 1]]]],
    );
  });

  it("plans no account for a stack without resources", () => {
    assert.deepEqual(summarizePlan([]), {
      accounts: [],
      tenants: 0,
      profiles: 0,
      monthlyBudgetUsd: 0,
      governanceUsdPerMonth: 0,
      quotaWarnings: [],
      leftOut: [],
    });
  });
});
