import * as assert from "node:assert/strict";
import { preflight } from "../../../tools/check/preflight";
import { orgPlanLines, summarizeOrgPlan } from "../../../tools/check/plan/org-summary";
import { summarizePlan } from "../../../tools/check/plan/summary";
import { planStack } from "../../helpers/program";

/**
 * What the check's report says of the org stack's plan, on the real org program's registrations
 * (in-process, with the fixture tenants). What the program creates is proved in
 * test/integration/org-program.test.ts; these are the report's sentences about it.
 */
describe("the org stack's plan in the report", function () {
  this.timeout(60_000);

  it("counts the monitors against the payer's quota, lists the retained tag activations and each SCP with its size and targets", async () => {
    const plan = await planStack("org");
    const lines = orgPlanLines(summarizeOrgPlan(plan.resources)!);
    const monitors = plan.byType("aws:costexplorer/anomalyMonitor:AnomalyMonitor").length;
    assert.match(
      lines[0],
      new RegExp(
        `^Payer account: ${monitors} of 500 custom anomaly monitors \\(\\d+ tenants across every governed environment\\), \\d+ subscriptions$`,
      ),
    );
    assert.match(
      lines[1],
      /^ {2}cost allocation tags activated: tenant, environment, .* \(each retained on delete\)$/,
    );
    const scps = lines.filter((line) => line.startsWith("  SCP "));
    assert.equal(scps.length, plan.byType("aws:organizations/policy:Policy").length);
    for (const line of scps)
      assert.match(line, /^ {2}SCP [\w-]+ \([\d,]+ of 5,120 characters\) attached to ou-/);
  });

  it("says the SCPs are managed elsewhere when serviceControlPolicies.manage is false", async () => {
    const plan = await planStack("org", { set: { serviceControlPolicies: { manage: false } } });
    const lines = orgPlanLines(summarizeOrgPlan(plan.resources)!);
    assert.ok(
      lines.includes(
        "  service control policies: none in this stack (serviceControlPolicies.manage: false; they are managed elsewhere)",
      ),
      lines.join("\n"),
    );
    assert.deepEqual(
      lines.filter((line) => line.startsWith("  SCP ")),
      [],
    );
  });

  it("passes the AWS preflight, warning that activating the cost allocation tags fails on a new organisation's first deploy", async () => {
    const plan = await planStack("org");
    assert.deepEqual(preflight(plan.resources), []);
    assert.match(
      summarizePlan(plan.resources).quotaWarnings.join("\n"),
      /first deploy: activating the cost allocation tags .* fails until each key has appeared in billing data/,
    );
  });
});
