import * as assert from "node:assert/strict";
import { renderText } from "../../../tools/check/report/render-text";
import { exitCodeOf } from "../../../tools/check/report/check-report";
import { exampleResources, onlyTenants, packPolicies, reportOf } from "../../helpers/check-report";

const triage = () => onlyTenants(exampleResources(), ["triage"]);
const dormant = { name: "dormant", file: "tenants/dormant.ts", reason: "environments.dev.enabled is false" };

/** The text holds these lines in a row (anywhere, or as its last lines); the whole text is the message when not. */
function assertHasLines(text: string, where: "within" | "at the end", lines: string[]): void {
  const block = lines.join("\n");
  assert.ok(where === "within" ? text.includes(block) : text.endsWith(block), text);
}

describe("the text report", () => {
  it("shows the plan per account and tenant, every alarm's threshold, the left-out tenants and the verdict", () => {
    assert.equal(
      renderText(reportOf(triage(), { leftOut: [dormant] }), false),
      [
        "bedrock-cost-governance check: stack dev (stack export)",
        "",
        "Account claims-ai (444455556666), us-east-1",
        "  triage",
        "    profile classifier: anthropic.claude-3-haiku-20240307-v1:0 (single-Region) triage-classifier-dev",
        "      alarms: Estimated USD per day > $40.00; Invocations > 124 a minute; InvocationThrottles > 10 per 5 minutes",
        "    budget $600.00/month: alerts at 50/80/100% actual, 100% forecast, on exceed notify",
        "    3 alarms; guardrails $0.40/month",
        "    tags: app=claims_triage, cost-center=CC-5400, dept=claims, environment=dev, team=intake, tenant=triage",
        "  budgets in account 444455556666: 1; within AWS's free tier of 2 budgets and 2 action-enabled budgets an account",
        "",
        "Left out of this stack: 1 tenant",
        "  dormant (tenants/dormant.ts): environments.dev.enabled is false",
        "",
        "Policy verdict (bedrock-cost-guardrails 0.1.0, 9 of 9 policies enabled)",
        "  no violations",
        "",
        "PASS 11 resources, 1 tenant, 1 profile, $600.00/month budgeted, guardrails $0.40/month; 0 mandatory violations, 0 advisory violations; verdict in 4.3 s",
        "",
      ].join("\n"),
    );
  });

  it("marks protected profiles and says how an account's budgets beyond the free tier are shared", () => {
    const resources = exampleResources().map((resource) =>
      resource.type === "aws:bedrock/inferenceProfile:InferenceProfile"
        ? { ...resource, protect: true }
        : resource,
    );
    const text = renderText(reportOf(resources), false);
    assert.match(
      text,
      /^ {4}profile rerank: amazon\.nova-micro-v1:0 \(single-Region\) search-rerank-dev, protected$/m,
    );
    assert.match(
      text,
      /^ {2}budgets in account 111122223333: 3, 1 action-enabled; beyond AWS's free tier of 2 budgets and 2 action-enabled budgets an account they cost \$0\.61\/month, shared evenly: \$0\.20 a budget$/m,
    );
    assert.match(
      text,
      /^PASS 52 resources, 4 tenants, 4 profiles, \$3,200\.00\/month budgeted, guardrails \$2\.20\/month;/m,
    );
  });

  it("groups violations by policy with correct plurals, and fails on a mandatory one", () => {
    const violation = (policyName: string, enforcementLevel: "mandatory" | "advisory", name: string) => ({
      policyPack: "bedrock-cost-guardrails",
      policyName,
      enforcementLevel,
      message: `${name} is wrong\nfix it`,
      urn: `urn:pulumi:dev::p::aws:iam/policy:Policy::${name}`,
    });
    const report = reportOf(triage(), {
      violations: [
        violation("workloads-reference-profiles", "advisory", "a"),
        violation("bedrock-invoke-through-profiles", "mandatory", "b"),
        violation("bedrock-invoke-through-profiles", "mandatory", "c"),
      ],
    });
    const text = renderText(report, false);
    assertHasLines(text, "within", [
      "Policy verdict (bedrock-cost-guardrails 0.1.0, 9 of 9 policies enabled)",
      "  bedrock-invoke-through-profiles [mandatory]: 2 violations",
      "    aws:iam/policy:Policy::b",
      "      b is wrong",
      "      fix it",
      "    aws:iam/policy:Policy::c",
      "      c is wrong",
      "      fix it",
      "  workloads-reference-profiles [advisory]: 1 violation",
    ]);
    assert.match(text, /^FAIL .*; 2 mandatory violations, 1 advisory violation; verdict in 4\.3 s$/m);
    assert.equal(exitCodeOf(report), 1);
  });

  it("says that nothing was judged, not PASS, when every policy is disabled, and exits 3", () => {
    const report = reportOf(triage(), { policies: packPolicies("disabled") });
    const text = renderText(report, false);
    assertHasLines(text, "at the end", [
      "Nothing was judged: every policy of bedrock-cost-guardrails 0.1.0 is disabled (9 policies).",
      "",
      "NOT JUDGED (exit 3) 11 resources, 1 tenant, 1 profile, $600.00/month budgeted, guardrails $0.40/month; 0 mandatory violations, 0 advisory violations; verdict in 4.3 s",
      "",
    ]);
    assert.doesNotMatch(text, /PASS/);
    assert.equal(exitCodeOf(report), 3);
    assert.equal(
      exitCodeOf(reportOf(triage(), { policies: [] })),
      3,
      "a pack without policies judges nothing",
    );
    assert.equal(
      exitCodeOf(
        reportOf(triage(), { policies: [...packPolicies("disabled", 8), ...packPolicies("advisory", 1)] }),
      ),
      0,
    );
  });

  it("says an empty stack is empty", () => {
    assert.match(
      renderText(reportOf([]), false),
      /\n\nThe stack is empty: no tenant has a profile, budget or alarm in it\.\n\nPolicy verdict/,
    );
  });

  it("lists input problems, whatever produced them, and nothing else", () => {
    const report = {
      ...reportOf([]),
      plan: undefined,
      errors: [
        {
          file: "tenants/a.ts",
          path: "budget.monthlyUsd",
          message: "expected a number greater than 0, got 0",
        },
        { file: "Pulumi.dev.yaml", path: "", message: "no such stack file" },
      ],
    };
    assert.equal(
      renderText(report, false),
      [
        "bedrock-cost-governance check: stack dev (stack export)",
        "",
        "2 input problems; nothing was judged:",
        "  tenants/a.ts: budget.monthlyUsd: expected a number greater than 0, got 0",
        "  Pulumi.dev.yaml: no such stack file",
        "",
        "FAIL (exit 2): fix the input above and run again.",
        "",
      ].join("\n"),
    );
    assert.equal(exitCodeOf(report), 2);
  });
});
