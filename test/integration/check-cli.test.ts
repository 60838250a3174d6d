/**
 * `npm run check` as a user runs it: one smoke test per exit code and kind of stack, for the wiring
 * (flags → input → plan → pack → report → exit code). What each part says is proved once, below:
 * the reports' texts on CheckReport fixtures (test/unit/check-report/), the plan in-process
 * (test/integration/check-run.test.ts, program*.test.ts), the policies in the pack's own suite.
 * A CLI run costs seconds; a fact proved here is not proved again there, and the other way round.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkJsonReport, runCheckCli, tempFile } from "../helpers/check-cli";
import { tempDir } from "../helpers/temp-files";
import { exportWithDirectModelAccess, invokePolicyName } from "../fixtures/stack-export";

/** The tenants these tests plan (relative: the CLI resolves flags from the current directory). */
const fixtureTenants = "test/fixtures/tenants";

/** What `--format json` promises, key by key (docs/check.md). */
function assertReportShape(report: Record<string, unknown>): void {
  assert.deepEqual(
    ["stack", "resources", "violations", "errors", "summary"].filter((key) => !(key in report)),
    [],
    "missing top-level keys",
  );
  for (const resource of report.resources as Array<Record<string, unknown>>) {
    assert.deepEqual(Object.keys(resource).sort(), ["name", "type", "urn"]);
  }
  for (const violation of report.violations as Array<Record<string, unknown>>) {
    assert.deepEqual(Object.keys(violation).sort(), [
      "enforcementLevel",
      // Where to fix it (issue 24 §3): added, nothing renamed.
      "location",
      "message",
      "policyName",
      "policyPack",
      "urn",
    ]);
  }
  assert.deepEqual(Object.keys(report.summary as object).sort(), [
    "advisoryViolations",
    "governanceUsdPerMonth",
    "mandatoryViolations",
    "monthlyBudgetUsd",
    "profiles",
    "resources",
    "tenants",
  ]);
}

/** The last line of a text report that passed: an invariant of any plan, not its counts. */
const passLine =
  /^PASS [\d,]+ resources, [\d,]+ tenants?, [\d,]+ profiles?, \$[\d,]+\.\d{2}\/month budgeted, guardrails \$[\d,]+\.\d{2}\/month; 0 mandatory violations, \d+ advisory violations?; verdict in \d+\.\d s$/m;

describe("npm run check (smoke tests: one per exit code and kind of stack)", function () {
  this.timeout(180_000);

  it("exit 0: plans an environment stack with the real program and passes it, in text", async () => {
    const result = await runCheckCli(["--stack", "dev", "--tenants", fixtureTenants]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^bedrock-cost-governance check: stack dev \(program under mocks\)$/m);
    assert.match(result.stdout, /^Account claims-ai \(444455556666\), us-east-1$/m);
    assert.match(result.stdout, passLine);
  });

  it("exit 0: plans the org stack and passes it, its payer account's guardrails in the text", async () => {
    const result = await runCheckCli(["--stack", "org", "--tenants", fixtureTenants]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^Payer account: /m);
    assert.match(result.stdout, /^PASS [\d,]+ resources, .* 0 mandatory violations/m);
  });

  it("exit 1: names the mandatory violation of a stack export, in the documented json shape and in markdown, each written to its --out", async () => {
    const file = tempFile("export.json", JSON.stringify(exportWithDirectModelAccess()));
    const out = tempDir("bcg-out-");
    const [jsonFile, markdownFile] = [path.join(out, "report.json"), path.join(out, "report.md")];
    const result = await runCheckCli([
      "--state",
      file,
      "--out",
      `json=${jsonFile}`,
      "--out",
      `markdown=${markdownFile}`,
    ]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split("\n"), [
      `check: report written to ${jsonFile} (exit 1)`,
      `check: report written to ${markdownFile} (exit 1)`,
    ]);
    assert.match(
      fs.readFileSync(markdownFile, "utf8"),
      /^### Bedrock cost governance: `audit` ❌ blocked by mandatory policies\n/,
    );
    const report = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
    assertReportShape(report);
    const [violation, ...others] = report.violations.filter(
      (item: { policyName: string }) => item.policyName === "bedrock-invoke-through-profiles",
    );
    assert.deepEqual(others, []);
    assert.equal(violation.enforcementLevel, "mandatory");
    assert.match(violation.urn, new RegExp(`aws:iam/policy:Policy::${invokePolicyName}$`));
    assert.equal(
      report.summary.mandatoryViolations,
      report.violations.filter((item: { enforcementLevel: string }) => item.enforcementLevel === "mandatory")
        .length,
    );
  });

  it("exit 2: names the broken tenant file and field, and judges nothing", async () => {
    const dir = tempDir("bcg-tenants-");
    fs.writeFileSync(
      path.join(dir, "broken.ts"),
      `export default { name: "broken", tags: {}, notify: { emails: ["a@example.com"] }, profiles: [{ name: "p", model: "gpt-4" }], budget: { monthlyUsd: "1000" } };\n`,
    );
    const report = await checkJsonReport(["--tenants", dir], 2);
    assertReportShape(report);
    const broken = path.join(dir, "broken.ts");
    assert.deepEqual(
      report.errors.map((error: { file: string; path: string }) => `${error.file}: ${error.path}`),
      [`${broken}: profiles[0].model`, `${broken}: budget.monthlyUsd`],
    );
    assert.equal(report.errors[1].message, 'expected a number greater than 0, got "1000"');
    assert.deepEqual(report.resources, []);
  });

  it("exit 2: refuses a flag's value in one line, before loading anything", async () => {
    // Which values are refused, and how each is worded: test/unit/check/ (report-outputs, command-line).
    const format = await runCheckCli(["--format", "yaml"]);
    assert.equal(format.code, 2);
    assert.equal(
      format.stderr,
      'check: --format: expected one of text, markdown, json, sarif, github, got "yaml"\n',
    );
    assert.equal(format.stdout, "");
  });

  it("exit 3: judges nothing with a pack that has no policy enabled (--policy-pack)", async () => {
    const file = tempFile("export.json", JSON.stringify(exportWithDirectModelAccess()));
    const report = await checkJsonReport(["--state", file, "--policy-pack", "bench/empty-pack"], 3);
    assert.equal(report.verdict, "nothing-judged");
    assert.deepEqual(report.policyPack, { name: "empty-pack", version: "0.0.0" });
    assert.deepEqual(report.violations, []);
  });
});
