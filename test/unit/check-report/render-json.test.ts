import * as assert from "node:assert/strict";
import { renderJson } from "../../../tools/check/report/render-json";
import { exampleResources, onlyTenants, packPolicies, reportOf } from "../../helpers/check-report";

describe("the json report", () => {
  const dormant = {
    name: "dormant",
    file: "tenants/dormant.ts",
    reason: "environments.dev.enabled is false",
  };

  it("carries the verdict, its exit code, the policies' levels, the alarms' thresholds and the left-out tenants", () => {
    const report = JSON.parse(
      renderJson(reportOf(onlyTenants(exampleResources(), ["triage"]), { leftOut: [dormant] })),
    );
    assert.equal(report.verdict, "pass");
    assert.equal(report.exitCode, 0);
    assert.equal(report.policies.length, 9);
    assert.deepEqual(report.plan.leftOut, [dormant]);
    const [tenant] = report.plan.accounts.flatMap((account: { tenants: unknown[] }) => account.tenants);
    assert.equal(tenant.alarms, 3, "the count stays where it was");
    assert.deepEqual(
      tenant.profiles[0].alarms.map(
        (alarm: { watches: string; threshold: number }) => `${alarm.watches} ${alarm.threshold}`,
      ),
      ["Estimated USD per day 40", "Invocations 124", "InvocationThrottles 10"],
    );
    assert.equal(report.plan.accounts[0].budgetCost.budgets, 1);
  });

  it("says nothing-judged with exit code 3 when every policy is disabled", () => {
    const report = JSON.parse(
      renderJson(reportOf(exampleResources(), { policies: packPolicies("disabled") })),
    );
    assert.equal(report.verdict, "nothing-judged");
    assert.equal(report.exitCode, 3);
  });
});
