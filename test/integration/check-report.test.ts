import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeSyntheticTenants } from "../../bench/synthetic-tenants";
import { exampleExportFile, exampleStackExport } from "../../examples/write-stack-export";
import { runCheckCli, tempFile } from "../helpers/check-cli";
import { writeFixtureTenants } from "../helpers/fixture-tenant";
import { reportTenants } from "../fixtures/report/tenants";

const fixtureArgs = ["--tenants", writeFixtureTenants(reportTenants)];

/** Account label → tenant names, as a JSON report's plan groups them. */
const grouping = (report: {
  plan: { accounts: Array<{ label: string; tenants: Array<{ name: string }> }> };
}) => report.plan.accounts.map((account) => [account.label, account.tenants.map((tenant) => tenant.name)]);

describe("what npm run check reports", function () {
  this.timeout(240_000);

  it("shows every alarm's threshold, the left-out tenants and how an account's budgets are shared", async () => {
    const result = await runCheckCli(fixtureArgs);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.ok(
      result.stdout.includes(
        [
          "  ledger",
          "    profile chat: amazon.nova-lite-v1:0 (cross-Region us) ledger-chat-dev",
          "      alarms: Estimated USD per day > $80.00; Invocations > 50 a minute; InvocationThrottles > 10 per 5 minutes",
        ].join("\n"),
      ),
      result.stdout,
    );
    assert.match(
      result.stdout,
      /^ {4}budget \$3,000\.50\/month: alerts at 50\/80\/100% actual, 100% forecast, on exceed notify$/m,
    );
    assert.match(
      result.stdout,
      /^ {2}budgets in account 111122223333: 3, 1 action-enabled; beyond AWS's free tier of 2 budgets and 2 action-enabled budgets an account they cost \$0\.61\/month, shared evenly: \$0\.20 a budget$/m,
    );
    assert.match(
      result.stdout,
      /\nLeft out of this stack: 1 tenant\n {2}dormant \(.*dormant\.ts\): environments\.dev\.enabled is false\n/,
    );
    assert.match(
      result.stdout,
      /^PASS 57 resources, 4 tenants, 5 profiles, \$4,850\.50\/month budgeted, guardrails \$2\.60\/month; 0 mandatory violations, 0 advisory violations; verdict in \d+\.\d s$/m,
    );
  });

  it("marks each profile of a protected environment as protected", async () => {
    const result = await runCheckCli(["--stack", "prod", ...fixtureArgs]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const profiles = result.stdout.split("\n").filter((line) => line.startsWith("    profile "));
    assert.equal(profiles.length, 6);
    assert.ok(
      profiles.every((line) => line.endsWith("-prod, protected")),
      profiles.join("\n"),
    );
  });

  it("says that nothing was judged, and exits 3, when the policy config disables every policy", async () => {
    const config = tempFile("policy-config.json", JSON.stringify({ all: "disabled" }));
    const result = await runCheckCli([...fixtureArgs, "--policy-config", config]);
    assert.equal(result.code, 3, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /\nNothing was judged: every policy of bedrock-cost-guardrails \d+\.\d+\.\d+ is disabled \(\d+ policies\)\.\n\nNOT JUDGED \(exit 3\) /,
    );
    assert.doesNotMatch(result.stdout, /PASS/);
  });

  it("judges the shipped example export, whose tenants are grouped by account as the program groups them", async () => {
    const exported = await runCheckCli(["--state", "examples/stack-export.json", "--format", "json"]);
    assert.equal(exported.code, 0, exported.stdout + exported.stderr);
    const fromExport = JSON.parse(exported.stdout);
    assert.equal(fromExport.verdict, "pass");
    assert.deepEqual(fromExport.violations, []);
    const planned = await runCheckCli(["--tenants", "examples/tenants", "--format", "json"]);
    assert.equal(planned.code, 0, planned.stdout + planned.stderr);
    assert.deepEqual(grouping(fromExport), grouping(JSON.parse(planned.stdout)));
    assert.deepEqual(grouping(fromExport), [
      ["claims-ai (444455556666)", ["triage"]],
      ["shared-ai (111122223333)", ["search", "support", "translate"]],
    ]);
  });

  it("ships the example export that npm run example:stack-export writes from today's program and examples/tenants", async () => {
    const shipped = JSON.parse(fs.readFileSync(exampleExportFile, "utf8"));
    assert.deepEqual(
      shipped,
      JSON.parse(JSON.stringify(await exampleStackExport())),
      "examples/stack-export.json is stale: run `npm run example:stack-export`",
    );
  });

  it("keeps the markdown of 1,000 tenants within 30,000 characters, the verdict in its first lines", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcg-report-1000-"));
    try {
      writeSyntheticTenants(path.join(dir, "tenants"), 1_000, ["shared-ai", "claims-ai"]);
      const out = path.join(dir, "report.md");
      const result = await runCheckCli([
        "--tenants",
        path.join(dir, "tenants"),
        "--format",
        "markdown",
        "--out",
        out,
      ]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const markdown = fs.readFileSync(out, "utf8");
      assert.ok(markdown.length <= 30_000, `${markdown.length} characters`);
      assert.deepEqual(markdown.split("\n").slice(0, 3), [
        "### Bedrock cost governance: `dev` ✅ passes",
        "",
        "**0 mandatory violations, 0 advisory violations**, judged by bedrock-cost-guardrails 0.1.0, 14 of 14 policies enabled.",
      ]);
      assert.match(
        markdown,
        /\n\d{2},\d{3} resources, 1,000 tenants, 3,000 profiles, \$[\d,]+\.00\/month budgeted/,
      );
      assert.match(markdown, /```mermaid\n[\s\S]*\n```\n/);
      assert.match(markdown, /_Shortened to fit a PR comment/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
