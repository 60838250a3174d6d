import * as assert from "node:assert/strict";
import { maxStackSectionChars, renderMarkdown } from "../../../tools/check/report/render-markdown";
import type { Violation } from "../../../tools/check/report/check-report";
import { readStackExport } from "../../../tools/check/input/stack-export";
import { tempFile } from "../../helpers/check-cli";
import {
  exampleResources,
  manyTenants,
  onlyTenants,
  packPolicies,
  reportOf,
} from "../../helpers/check-report";
import { compliantExport } from "../../fixtures/stack-export";

const violation = (policyName: string, index: number): Violation => ({
  policyPack: "bedrock-cost-guardrails",
  policyName,
  enforcementLevel: "mandatory",
  message: `profile t-${index} has no cost-center tag | add it`,
  urn: `urn:pulumi:dev::p::aws:bedrock/inferenceProfile:InferenceProfile::t-${index}`,
});

/** The report fits a stack's section of a PR comment and begins with exactly these lines. */
function assertFitsAndOpensWith(markdown: string, lines: string[]): void {
  assert.ok(markdown.length <= maxStackSectionChars, `${markdown.length} characters`);
  assert.deepEqual(markdown.split("\n").slice(0, lines.length), lines);
}

const mermaidBlocks = (markdown: string) => markdown.match(/```mermaid\n[\s\S]*?\n```\n/g) ?? [];

describe("the markdown report", () => {
  it("starts with the verdict, then the plan: diagram, free tier, budgets, profiles with their alarms", () => {
    const markdown = renderMarkdown(reportOf(onlyTenants(exampleResources(), ["triage"])));
    assert.equal(
      markdown,
      [
        "### Bedrock cost governance: `dev` ✅ passes",
        "",
        "**0 mandatory violations, 0 advisory violations**, judged by bedrock-cost-guardrails 0.1.0, 9 of 9 policies enabled.",
        "",
        "11 resources, 1 tenant, 1 profile, $600.00/month budgeted, guardrails $0.40/month.",
        "",
        "#### Plan",
        "",
        "```mermaid",
        "flowchart LR",
        '  a0[["claims-ai (444455556666), us-east-1"]]',
        '  a0 --> a0t0("triage")',
        '  a0t0 --> a0t0p0["classifier: anthropic.claude-3-haiku-20240307-v1:0"]',
        "```",
        "",
        "- budgets in account 444455556666: 1; within AWS's free tier of 2 budgets and 2 action-enabled budgets an account",
        "",
        "| tenant | account | monthly budget | alerts | on exceed | alarms | guardrails | tags |",
        "|---|---|---:|---|---|---:|---:|---|",
        "| triage | claims-ai (444455556666) | $600.00 | 50/80/100% actual, 100% forecast | notify | 3 | $0.40/month | app=claims_triage, cost-center=CC-5400, dept=claims, environment=dev, team=intake, tenant=triage |",
        "| **total** | | **$600.00** | | | | **$0.40/month** | |",
        "",
        "| tenant | profile | alarms |",
        "|---|---|---|",
        "| triage | classifier: anthropic.claude-3-haiku-20240307-v1:0 (single-Region) triage-classifier-dev | Estimated USD per day > $40.00; Invocations > 124 a minute; InvocationThrottles > 10 per 5 minutes |",
        "",
        "<sub>Stack export; verdict in 4.3 s by bedrock-cost-guardrails 0.1.0.</sub>",
        "",
      ].join("\n"),
    );
  });

  it("writes no -% for a budget without a forecast alert", () => {
    const read = readStackExport(tempFile("export.json", JSON.stringify(compliantExport())));
    assert.ok(!("errors" in read));
    const markdown = renderMarkdown(reportOf(read.resources));
    assert.match(
      markdown,
      /\| claims \| 111122223333 \| \$300\.00 \| 80% actual, no forecast alert \| notify \| 1 \|/,
    );
    assert.doesNotMatch(markdown, /-%/);
  });

  it("shows a warning about valid but doubtful input in the plan, after the verdict", () => {
    const warning = {
      file: "tenants/claims.ts",
      path: "alarms.maxEstimatedUsdPerDay",
      message: "150 USD a day can never fire before the monthly budget of 100 USD is spent",
    };
    const markdown = renderMarkdown({
      ...reportOf(onlyTenants(exampleResources(), ["triage"])),
      warnings: [warning],
    });
    const lines = markdown.split("\n");
    const at = lines.indexOf(`> tenants/claims.ts: alarms.maxEstimatedUsdPerDay: ${warning.message}`);
    assert.ok(at > 0, markdown);
    assert.equal(lines[at - 1], "> [!WARNING]");
    assert.ok(at > lines.findIndex((line) => line.startsWith("### Bedrock cost governance")));
  });

  it("says an empty stack is empty instead of drawing an empty flowchart", () => {
    const markdown = renderMarkdown(reportOf([]));
    assert.match(
      markdown,
      /#### Plan\n\nThe stack is empty: no tenant has a profile, budget or alarm in it\.\n/,
    );
    assert.doesNotMatch(markdown, /mermaid|\| tenant \|/);
  });

  it("says that nothing was judged when every policy is disabled", () => {
    const markdown = renderMarkdown(reportOf(exampleResources(), { policies: packPolicies("disabled") }));
    assert.match(
      markdown,
      /^### Bedrock cost governance: `dev` ⚠️ nothing judged\n\n\*\*Nothing was judged: every policy of bedrock-cost-guardrails 0\.1\.0 is disabled \(9 policies\)\.\*\*\n/,
    );
    assert.doesNotMatch(markdown, /passes/);
  });

  it("keeps a 1,000-tenant stack with 3,000 violations within its section budget, verdict and every policy's count first", () => {
    const violations = [
      ...Array.from({ length: 2_000 }, (_, index) => violation("bedrock-profile-cost-tags", index)),
      ...Array.from({ length: 1_000 }, (_, index) => violation("profile-usage-alarm", index)),
    ];
    const markdown = renderMarkdown(reportOf(manyTenants(1_000), { violations }));
    assertFitsAndOpensWith(markdown, [
      "### Bedrock cost governance: `dev` ❌ blocked by mandatory policies",
      "",
      "**3,000 mandatory violations, 0 advisory violations**, judged by bedrock-cost-guardrails 0.1.0, 9 of 9 policies enabled.",
      "",
      "8,003 resources, 1,000 tenants, 1,000 profiles, $300,000.00/month budgeted, guardrails $1,010.00/month.",
      "",
      "#### Policy verdict",
      "",
      "- **bedrock-profile-cost-tags** (mandatory): 2,000 violations",
      "- **profile-usage-alarm** (mandatory): 1,000 violations",
      "",
    ]);
    assert.match(markdown, /\| … \| 1,\d{3} more violations \|\n\n\*\*profile-usage-alarm\*\* \(mandatory\)/);
    assert.match(markdown, /\| … \| \d{3} more violations \|\n\n#### Plan/);
    assert.match(
      markdown,
      /_Shortened to fit a PR comment \(30,000 characters a stack\)\. The full report: the workflow's artifact, or `npm run check -- --stack dev`\._/,
    );
    assert.ok(markdown.trimEnd().endsWith("</sub>"));
  });

  it("never cuts the Mermaid diagram: it is there whole or not at all, at any budget", () => {
    const report = reportOf(manyTenants(30));
    const whole = mermaidBlocks(renderMarkdown(report));
    assert.equal(whole.length, 1);
    for (let budget = 1_500; budget <= 9_000; budget += 250) {
      const markdown = renderMarkdown(report, budget);
      assert.ok(markdown.length <= budget, `${markdown.length} > ${budget}`);
      assert.equal(markdown.split("```").length - 1, mermaidBlocks(markdown).length * 2, `budget ${budget}`);
      assert.ok(
        mermaidBlocks(markdown).every((block) => block === whole[0]),
        `budget ${budget}`,
      );
    }
    assert.match(
      renderMarkdown(report, 2_000),
      /_The diagram of accounts, tenants and profiles is left out to fit\._/,
    );
  });
});

describe("the markdown report of invalid input", () => {
  it("lists the problems first, as many as fit, and counts the rest", () => {
    const errors = Array.from({ length: 5_000 }, (_, index) => ({
      file: `tenants/t-${index}.ts`,
      path: "budget.monthlyUsd",
      message: "expected a number greater than 0, got 0",
    }));
    const markdown = renderMarkdown({ ...reportOf([]), plan: undefined, errors });
    assertFitsAndOpensWith(markdown, [
      "### Bedrock cost governance: `dev` ❌ invalid input",
      "",
      "Nothing was judged. Fix these first:",
      "",
      "- `tenants/t-0.ts: budget.monthlyUsd: expected a number greater than 0, got 0`",
    ]);
    assert.match(markdown, /\n- … 4,\d{3} more problems\n/);
  });
});
