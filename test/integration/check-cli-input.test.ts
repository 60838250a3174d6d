import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { copyProject, repoRoot, runCheckCli, tempFile } from "../helpers/check-cli";
import { validTenant } from "../helpers/tenant-fixtures";
import { tempDir } from "../helpers/temp-files";

/** A temp directory of tenant files (objects written as `export default <json>`, strings as they are). */
function tenantsDir(files: Record<string, object | string>): string {
  const dir = tempDir("bcg-cli-tenants-");
  for (const [name, content] of Object.entries(files)) {
    const source = typeof content === "string" ? content : `export default ${JSON.stringify(content)};\n`;
    fs.writeFileSync(path.join(dir, name), source);
  }
  return dir;
}

describe("npm run check: command-line slips and unsafe input", function () {
  this.timeout(180_000);

  it("tells a user who forgot the -- to write npm run check -- --stack prod", async () => {
    // What npm leaves the check after `npm run check --stack prod`: the flag became npm's config.
    const result = await runCheckCli(["prod"], repoRoot, {
      npm_lifecycle_event: "check",
      npm_config_stack: "true",
    });
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      'check: npm took --stack for itself (no "--" before the check\'s flags): write `npm run check -- --stack prod`\n',
    );
  });

  it("exits 2 and says to run npm ci when the dependencies are not installed", () => {
    const project = tempDir("bcg-no-modules-");
    fs.mkdirSync(path.join(project, "tools/check"), { recursive: true });
    fs.copyFileSync(
      path.join(repoRoot, "tools/check/require-installed.cjs"),
      path.join(project, "tools/check/require-installed.cjs"),
    );
    // The npm script's own command line, in a project without node_modules.
    const result = spawnSync(
      process.execPath,
      ["--require", "./tools/check/require-installed.cjs", "--require", "tsx/cjs", "tools/check/cli.ts"],
      { cwd: project, encoding: "utf8" },
    );
    assert.equal(result.status, 2);
    assert.equal(result.stderr, `check: tsx/cjs is not installed: run \`npm ci\` in ${project} first\n`);
  });

  it("resolves a relative --tenants from where the command was typed and prints it as written", async () => {
    const result = await runCheckCli(["--tenants", "no/such/tenants"]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'check: --tenants: no such directory "no/such/tenants"\n');
    const typedIn = tempDir("bcg-typed-in-");
    fs.mkdirSync(path.join(typedIn, "mine"));
    fs.writeFileSync(
      path.join(typedIn, "mine", "claims.ts"),
      `export default ${JSON.stringify({ ...validTenant(), budgett: 1 })};\n`,
    );
    const underNpm = await runCheckCli(["--tenants", "mine", "--format", "json"], repoRoot, {
      npm_lifecycle_event: "check",
      INIT_CWD: typedIn,
    });
    assert.equal(underNpm.code, 2, underNpm.stderr);
    assert.deepEqual(JSON.parse(underNpm.stdout).errors, [
      { file: "mine/claims.ts", path: "", message: 'unknown key "budgett"; did you mean "budget"?' },
    ]);
  });

  it("refuses a tenant file that would run a command, with exit 2, and the command never runs", async () => {
    const marker = path.join(tempDir("bcg-marker-"), "ran");
    const dir = tenantsDir({
      "claims.ts": [
        `import { defineTenant } from "../src/tenant";`,
        `import { execSync } from "node:child_process";`,
        `execSync(${JSON.stringify(`touch ${marker}`)});`,
        `export default defineTenant(${JSON.stringify(validTenant())});`,
        "",
      ].join("\n"),
    });
    const result = await runCheckCli(["--tenants", dir, "--format", "json"]);
    assert.equal(result.code, 2, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).errors, [
      {
        file: `${dir}/claims.ts:2:1`,
        path: "",
        message:
          'only literal tenant definitions are allowed: an import of "node:child_process" (tenant files may import only defineTenant from src/tenant)',
      },
    ]);
    assert.equal(fs.existsSync(marker), false, "the tenant file's command ran");
  });

  describe("one set of mandatory tags", () => {
    it("hands the stack's mandatoryTags to the pack: tenants without the pack's default tags pass", async () => {
      const project = copyProject({
        file: "Pulumi.dev.yaml",
        replace: "mandatoryTags: [tenant, environment, dept, team, app, cost-center]",
        with: "mandatoryTags: [tenant, environment, dept]",
      });
      try {
        const dir = tenantsDir({ "claims.ts": validTenant({ tags: { dept: "claims" } }) });
        const result = await runCheckCli(["--tenants", dir, "--format", "json"], project.dir);
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.deepEqual(JSON.parse(result.stdout).violations, []);
      } finally {
        project.remove();
      }
    });

    it("warns when --policy-config sets other mandatory tags than the stack", async () => {
      const config = tempFile(
        "policy-config.json",
        JSON.stringify({ "bedrock-profile-cost-tags": { mandatoryTags: ["tenant", "environment"] } }),
      );
      const result = await runCheckCli(["--tenants", "test/fixtures/tenants", "--policy-config", config]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(
        result.stderr,
        `check: warning: ${config}: bedrock-profile-cost-tags.mandatoryTags: differs from Pulumi.dev.yaml's mandatoryTags (tenant, environment, dept, team, app, cost-center): the pack judges with tenant, environment\n`,
      );
    });
  });
});
