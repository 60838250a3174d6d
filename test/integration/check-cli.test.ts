import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkJsonReport, copyProject, runCheckCli, tempFile } from "../helpers/check-cli";
import { compliantExport, exportWithDirectModelAccess, invokePolicyName } from "../fixtures/stack-export";
import { tempDir } from "../helpers/temp-files";

/** The tenants these tests plan (relative: the CLI resolves flags from the current directory). */
const fixtureTenants = "test/fixtures/tenants";

/** What `--format json` promises, key by key. */
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

describe("npm run check", function () {
  this.timeout(180_000);

  describe("on the fixture tenants", () => {
    it("passes the dev stack with exit 0, showing the plan per account and tenant and the time to verdict", async () => {
      const result = await runCheckCli(["--stack", "dev", "--tenants", fixtureTenants]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        /Account claims-ai \(444455556666\), us-east-1\n {2}claims\n {4}profile chatbot: anthropic\.claude-3-haiku-20240307-v1:0 \(single-Region\)/,
      );
      assert.match(
        result.stdout,
        /profile scoring: anthropic\.claude-3-5-sonnet-20240620-v1:0 \(cross-Region us\)/,
      );
      assert.match(
        result.stdout,
        /budget \$400\.00\/month: alerts at 50\/80\/100% actual, 100% forecast, on exceed deny/,
      );
      assert.match(
        result.stdout,
        /^PASS \d+ resources, 4 tenants, 5 profiles, \$7,700\.00\/month budgeted, .* 0 mandatory violations, 0 advisory violations; verdict in \d+\.\d s$/m,
      );
    });

    it("passes the prod stack with exit 0 and reports the documented json shape", async () => {
      const report = await checkJsonReport(["--stack", "prod", "--tenants", fixtureTenants], 0);
      assertReportShape(report);
      assert.equal(report.stack, "prod");
      assert.deepEqual(report.errors, []);
      assert.deepEqual(report.violations, []);
      assert.equal(report.summary.tenants, 5);
      assert.equal(report.summary.profiles, 6);
      assert.equal(report.summary.monthlyBudgetUsd, 24_000);
      assert.equal(report.summary.resources, report.resources.length);
      assert.ok(report.summary.governanceUsdPerMonth > 0);
      assert.ok(
        report.resources.some(
          (resource: { type: string; name: string }) =>
            resource.type === "aws:bedrock/inferenceProfile:InferenceProfile" &&
            resource.name === "claims-chatbot",
        ),
      );
    });

    it("renders markdown with a Mermaid diagram of accounts, tenants and profiles and a budget table with the total", async () => {
      const out = path.join(tempDir("bcg-out-"), "report.md");
      const result = await runCheckCli([
        "--stack",
        "dev",
        "--tenants",
        fixtureTenants,
        "--format",
        "markdown",
        "--out",
        out,
      ]);
      assert.equal(result.code, 0, result.stderr);
      const markdown = fs.readFileSync(out, "utf8");
      assert.match(markdown, /^### Bedrock cost governance: `dev` ✅ passes/);
      assert.match(markdown, /```mermaid\nflowchart LR\n/);
      assert.match(
        markdown,
        /a0 --> a0t0\("claims"\)\n {2}a0t0 --> a0t0p0\["chatbot: anthropic\.claude-3-haiku-20240307-v1:0"\]/,
      );
      assert.match(
        markdown,
        /\| sales-support \| shared-ai \(111122223333\) \| \$1,000\.00 \| 50\/75\/90\/100% actual, 110% forecast \| notify \| 3 \|/,
      );
      assert.match(markdown, /\| \*\*total\*\* \| \| \*\*\$7,700\.00\*\* \|/);
    });
  });

  describe("on the org stack (Pulumi.org.yaml)", () => {
    let project: ReturnType<typeof copyProject> | undefined;
    afterEach(() => project?.remove());

    it("plans and passes it: monitors against the payer's quota, retained tag activations, SCPs with their targets", async () => {
      const result = await runCheckCli(["--stack", "org", "--tenants", fixtureTenants]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        /Payer account: 5 of 500 custom anomaly monitors \(5 tenants across every governed environment\), 18 subscriptions\n {2}cost allocation tags activated: tenant, environment, dept, team, app, cost-center \(each retained on delete\)\n/,
      );
      for (const name of [
        "bedrock-invoke-through-application-profiles",
        "bedrock-profiles-carry-cost-tags",
        "bedrock-profile-cost-tags-locked",
      ])
        assert.match(
          result.stdout,
          new RegExp(`SCP ${name} \\([\\d,]+ of 5,120 characters\\) attached to ou-exam-12345678`),
        );
      assert.match(result.stdout, /^PASS \d+ resources, .* 0 mandatory violations, 0 advisory violations/m);
    });

    it("says so when the SCPs are left out (serviceControlPolicies.manage: false)", async () => {
      project = copyProject({
        file: "Pulumi.org.yaml",
        replace: "    manage: true\n",
        with: "    manage: false\n",
      });
      const result = await runCheckCli(["--stack", "org"], project.dir);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        /service control policies: none in this stack \(serviceControlPolicies\.manage: false/,
      );
      assert.doesNotMatch(result.stdout, /SCP bedrock-/);
    });

    it("fails (exit 1) an SCP set that would lock out the deploy role", async () => {
      project = copyProject({
        file: "src/scp/documents.ts",
        replace: 'const exempt = { ArnNotLike: { "aws:PrincipalArn": [...inputs.exemptRoleArns] } };',
        with: "const exempt = {};",
      });
      const report = await checkJsonReport(["--stack", "org"], 1, project.dir);
      const lockouts = report.violations.filter(
        (violation: { policyName: string }) => violation.policyName === "scp-deploy-role-not-locked-out",
      );
      assert.ok(lockouts.length >= 2, JSON.stringify(report.violations));
      assert.equal(report.org.serviceControlPolicies.length, 3);
    });
  });

  describe("on invalid input (exit 2, nothing judged)", () => {
    it("names the broken tenant file and field", async () => {
      const dir = tempDir("bcg-tenants-");
      fs.copyFileSync(path.join(__dirname, "../fixtures/tenants/claims.ts"), path.join(dir, "claims.ts"));
      fs.writeFileSync(
        path.join(dir, "broken.ts"),
        `export default { name: "broken", tags: {}, notify: { emails: ["a@example.com"] }, profiles: [{ name: "p", model: "gpt-4" }], budget: { monthlyUsd: "1000" } };\n`,
      );
      fs.writeFileSync(
        path.join(dir, "claims.ts"),
        fs
          .readFileSync(path.join(dir, "claims.ts"), "utf8")
          .replace("../../../src/tenant", path.join(__dirname, "../../src/tenant")),
      );
      const report = await checkJsonReport(["--tenants", dir], 2);
      assertReportShape(report);
      const broken = path.join(dir, "broken.ts");
      assert.deepEqual(
        report.errors.map((error: { file: string; path: string }) => `${error.file}: ${error.path}`),
        [`${broken}: profiles[0].model`, `${broken}: budget.monthlyUsd`],
      );
      assert.match(report.errors[1].message, /^expected a number greater than 0, got "1000"$/);
      assert.deepEqual(report.resources, []);
    });

    it("names a missing stack file and the stacks there are", async () => {
      const result = await runCheckCli(["--stack", "qa"]);
      assert.equal(result.code, 2);
      assert.match(result.stdout, /Pulumi\.qa\.yaml: no such stack file; known stacks: dev, org, prod/);
    });

    it("refuses an unknown flag and an unknown format with the usage", async () => {
      const flag = await runCheckCli(["--stacks", "dev"]);
      assert.equal(flag.code, 2);
      assert.match(flag.stderr, /Unknown option '--stacks'[\s\S]*Usage: npm run check/);
      const format = await runCheckCli(["--format", "yaml"]);
      assert.equal(format.code, 2);
      assert.match(format.stderr, /--format: expected one of text, markdown, json, got "yaml"/);
    });

    it("refuses a policy config naming an unknown policy or an invalid level", async () => {
      const config = tempFile(
        "policy-config.json",
        JSON.stringify({ "bedrock-profile-costtags": "mandatory", "budget-notifications": "strict" }),
      );
      const result = await runCheckCli(["--policy-config", config]);
      assert.equal(result.code, 2, result.stdout);
      assert.match(result.stdout, /policy-config\.json: bedrock-profile-costtags: unknown policy/);
      assert.match(
        result.stdout,
        /policy-config\.json: budget-notifications: expected one of advisory, mandatory, remediate, disabled, got "strict"/,
      );
    });
  });

  describe("on a program change that escapes attribution (exit 1)", () => {
    let project: ReturnType<typeof copyProject>;
    afterEach(() => project?.remove());

    it("names bedrock-profile-cost-tags when the program stops tagging profiles with cost-center", async () => {
      project = copyProject({
        file: "src/components/tenant/inference-profile.ts",
        replace: "return { ...tenant.tags, profile: profile.name, model: profile.model };",
        with: 'const { "cost-center": _dropped, ...rest } = tenant.tags;\n  return { ...rest, profile: profile.name, model: profile.model };',
      });
      const report = await checkJsonReport(["--tenants", fixtureTenants], 1, project.dir);
      const tagViolations = report.violations.filter(
        (violation: { policyName: string }) => violation.policyName === "bedrock-profile-cost-tags",
      );
      assert.equal(tagViolations.length, 5, "one per dev profile");
      assert.ok(
        tagViolations.every(
          (violation: { enforcementLevel: string; message: string }) =>
            violation.enforcementLevel === "mandatory" && /cost-center/.test(violation.message),
        ),
      );
      assert.equal(
        report.summary.mandatoryViolations,
        report.violations.filter(
          (violation: { enforcementLevel: string }) => violation.enforcementLevel === "mandatory",
        ).length,
      );
    });

    it("names tenant-budget-coverage when the program stops creating budgets", async () => {
      const guardrails = "src/components/tenant-guardrails.ts";
      project = copyProject(
        {
          file: guardrails,
          replace: "const budget = createBudget(tenant, alerts, this);",
          with: 'const budget = { name: pulumi.output("none") } as unknown as ReturnType<typeof createBudget>;',
        },
        {
          file: guardrails,
          replace:
            'if (tenant.budget.onExceed === "deny") createBudgetDenyAction(tenant, budget, alerts, this);',
          with: "",
        },
      );
      const result = await runCheckCli(["--tenants", fixtureTenants], project.dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /tenant-budget-coverage \[mandatory\]: 4 violations/);
      assert.match(result.stdout, /^FAIL /m);
    });
  });

  describe("--state on a stack export", () => {
    it("passes a compliant export of another program with exit 0", async () => {
      const file = tempFile("export.json", JSON.stringify(compliantExport()));
      const report = await checkJsonReport(["--state", file], 0);
      assert.equal(report.stack, "audit");
      assert.equal(report.summary.tenants, 1);
      assert.equal(report.summary.monthlyBudgetUsd, 300);
      assert.deepEqual(
        report.violations.filter(
          (violation: { enforcementLevel: string }) => violation.enforcementLevel === "mandatory",
        ),
        [],
      );
    });

    it("fails an export whose IAM policy allows invoking models around the profiles, with exit 1", async () => {
      const file = tempFile("export.json", JSON.stringify(exportWithDirectModelAccess()));
      const report = await checkJsonReport(["--state", file], 1);
      const [violation, ...others] = report.violations.filter(
        (item: { policyName: string }) => item.policyName === "bedrock-invoke-through-profiles",
      );
      assert.deepEqual(others, []);
      assert.equal(violation.enforcementLevel, "mandatory");
      assert.match(violation.urn, new RegExp(`aws:iam/policy:Policy::${invokePolicyName}$`));
    });

    it("makes a violated policy advisory through --policy-config, so the same export passes", async () => {
      const file = tempFile("export.json", JSON.stringify(exportWithDirectModelAccess()));
      const config = tempFile(
        "policy-config.json",
        JSON.stringify({ "bedrock-invoke-through-profiles": { enforcementLevel: "advisory" } }),
      );
      const result = await runCheckCli(["--state", file, "--policy-config", config]);
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stdout, /bedrock-invoke-through-profiles \[advisory\]: 1 violation/);
    });

    it("judges with the pack --policy-pack names: one without policies judges nothing (exit 3)", async () => {
      const file = tempFile("export.json", JSON.stringify(exportWithDirectModelAccess()));
      const report = await checkJsonReport(["--state", file, "--policy-pack", "bench/empty-pack"], 3);
      assert.equal(report.verdict, "nothing-judged");
      assert.deepEqual(report.policyPack, { name: "empty-pack", version: "0.0.0" });
      assert.deepEqual(report.violations, []);
    });

    it("refuses a --policy-pack that is not a policy pack", async () => {
      const result = await runCheckCli(["--policy-pack", "tenants"]);
      assert.equal(result.code, 2);
      assert.match(
        result.stderr,
        /--policy-pack: .*tenants is not a policy pack \(it has no PulumiPolicy\.yaml\)/,
      );
      assert.equal(result.stdout, "");
    });

    it("refuses an export of the wrong version, naming the field", async () => {
      const file = tempFile("export.json", JSON.stringify({ ...compliantExport(), version: 2 }));
      const result = await runCheckCli(["--state", file]);
      assert.equal(result.code, 2);
      assert.match(
        result.stdout,
        /export\.json: version: expected 3: `pulumi stack export` writes deployment version 3, got 2/,
      );
    });
  });
});
