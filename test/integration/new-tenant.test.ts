import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { copyProject } from "../helpers/check-cli";
import { loadTenants } from "../../src/tenant-loader";

/** `npm run new-tenant -- ...` in a copy of the project (the script's own command, a real process). */
function newTenant(projectDir: string, args: string[]) {
  return spawnSync(process.execPath, ["--require", "tsx/cjs", "tools/new-tenant.ts", ...args], {
    cwd: projectDir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
}

/** A tenant name no shipped tenant has: the shipped set changes with every onboarding. */
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

describe("npm run new-tenant", function () {
  this.timeout(180_000);
  let project: ReturnType<typeof copyProject>;
  // The copy's `npm run check` is a stand-in that says where it ran and exits 7: what the check says
  // of a scaffolded tenant is proven in-process below (and the check's CLI by its own smoke tests),
  // so here only that new-tenant hands over to the project's check and returns its code.
  before(
    () =>
      (project = copyProject({
        file: "package.json",
        replace: /"check": "[^"]*"/,
        with: `"check": "node -e \\"console.log('check: ran in ' + process.cwd()); process.exit(7)\\""`,
      })),
  );
  after(() => project.remove());

  it("writes a formatted tenants/<name>.ts from the schema's defaults, which the check refuses until its placeholders are replaced", () => {
    const name = fresh("scaffolded");
    const result = newTenant(project.dir, [name, "--model", "amazon.nova-micro-v1:0", "--budget", "250"]);
    assert.equal(result.status, 7, result.stdout + result.stderr);
    assert.equal(result.stdout, `new-tenant: wrote tenants/${name}.ts\ncheck: ran in ${project.dir}\n`);
    // What the check says of it, through the check's own tenant loader: each placeholder named by
    // file and field (issue 24 §4: a scaffolded tenant passed unfilled).
    const loaded = loadTenants(path.join(project.dir, "tenants"));
    assert.deepEqual(
      loaded.errors.filter((error) => error.file.endsWith(`${name}.ts`)).map((error) => error.path),
      ["tags.dept", "tags.team", "tags.app", "tags.cost-center", "notify.emails[0]"],
    );
    assert.equal(
      loaded.tenants.some((tenant) => tenant.definition.name === name),
      false,
    );
    assert.equal(
      fs.readFileSync(path.join(project.dir, `tenants/${name}.ts`), "utf8"),
      [
        `import { defineTenant } from "../src/tenant";`,
        ``,
        `/** ${name}: say what the workload is, and replace each TODO tag value and the address. */`,
        `export default defineTenant({`,
        `  name: "${name}",`,
        `  tags: { dept: "TODO", team: "TODO", app: "TODO", "cost-center": "TODO" },`,
        `  notify: { emails: ["${name}-owners@example.com"] },`,
        `  profiles: [{ name: "main", model: "amazon.nova-micro-v1:0" }],`,
        `  budget: { monthlyUsd: 250, alertAtPercent: [50, 80, 100], forecastAtPercent: 100, onExceed: "notify" },`,
        `});`,
        ``,
      ].join("\n"),
    );
    const prettierCheck = spawnSync(
      process.execPath,
      [require.resolve("prettier/bin/prettier.cjs"), "--check", `tenants/${name}.ts`],
      { cwd: project.dir, encoding: "utf8" },
    );
    assert.equal(prettierCheck.status, 0, prettierCheck.stdout + prettierCheck.stderr);
  });

  it("refuses a model that is not in the catalog, with a did-you-mean, and writes nothing", () => {
    const name = fresh("misspelt");
    const result = newTenant(project.dir, [name, "--model", "amazon.nova-lite-v1", "--no-check"]);
    assert.equal(result.status, 2);
    assert.equal(
      result.stderr,
      'new-tenant: --model: "amazon.nova-lite-v1" is not a model of the catalog (src/data/bedrock-models.json); did you mean "amazon.nova-lite-v1:0"?\n',
    );
    assert.equal(fs.existsSync(path.join(project.dir, `tenants/${name}.ts`)), false);
  });

  it("refuses a tenant that exists and a budget that is not a positive number", () => {
    const name = fresh("twice");
    fs.writeFileSync(path.join(project.dir, `tenants/${name}.ts`), "// an existing tenant file\n");
    const existing = newTenant(project.dir, [name, "--no-check"]);
    assert.equal(existing.status, 2);
    assert.equal(
      existing.stderr,
      `new-tenant: tenants/${name}.ts already exists: edit it, or choose another name\n`,
    );
    const budget = newTenant(project.dir, [fresh("costly"), "--budget", "lots", "--no-check"]);
    assert.equal(budget.status, 2);
    assert.equal(budget.stderr, "new-tenant: --budget: expected a number greater than 0\n");
  });
});
