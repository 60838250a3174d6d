import { strict as assert } from "node:assert";
import * as path from "node:path";
import { validateStackInputs } from "../../src/stack";
import { formatInputError } from "../../src/validation";
import { stackFileConfig } from "../helpers/program";
import { useTenantFixtures, validTenant } from "../helpers/tenant-fixtures";

const projectDir = path.resolve(__dirname, "../..");
const tenantsDirKey = "bedrock-cost-governance:tenantsDir";

/** Problems of the dev stack file with these tenants, as `validateStackInputs` (program and check) reports them. */
function problems(tenantsDir: string, extra: Record<string, string> = {}): string[] {
  const config = { ...stackFileConfig("dev"), [tenantsDirKey]: tenantsDir, ...extra };
  const result = validateStackInputs(config, "Pulumi.dev.yaml", projectDir);
  return "errors" in result ? result.errors.map(formatInputError) : [];
}

describe("stack inputs (validateStackInputs)", () => {
  const tenantDir = useTenantFixtures();

  it("refuses an environments key no Pulumi.*.yaml of the project has, with a did-you-mean", () => {
    const fixture = tenantDir({
      "claims.ts": validTenant({ environments: { dve: { budget: { monthlyUsd: 10 } }, prod: {} } }),
      "sales.ts": validTenant({ name: "sales", environments: { qa: { enabled: false } } }),
    });
    assert.deepEqual(problems(fixture.dir), [
      `${fixture.dir}/claims.ts: environments.dve: no stack has environment "dve"; did you mean "dev"?`,
      `${fixture.dir}/sales.ts: environments.qa: no stack has environment "qa" (the stacks' environments: dev, prod)`,
    ]);
  });

  it("accepts overrides of every environment of the project, not only the current stack's", () => {
    const fixture = tenantDir({ "claims.ts": validTenant({ environments: { prod: { enabled: false } } }) });
    assert.deepEqual(problems(fixture.dir), []);
  });

  it("names the tenantsDir key when its directory does not exist", () => {
    assert.deepEqual(problems("no-such-tenants"), [
      'Pulumi.dev.yaml: bedrock-cost-governance:tenantsDir: no such directory "no-such-tenants"',
    ]);
  });

  it("warns of an estimated-spend alarm above the whole monthly budget and of a budget beyond any sane figure", () => {
    const fixture = tenantDir({
      "claims.ts": validTenant({ budget: { monthlyUsd: 100 }, alarms: { maxEstimatedUsdPerDay: 150 } }),
      "sales.ts": validTenant({ name: "sales", budget: { monthlyUsd: 25_000_000 } }),
    });
    const config = { ...stackFileConfig("dev"), [tenantsDirKey]: fixture.dir };
    const result = validateStackInputs(config, "Pulumi.dev.yaml", projectDir);
    if ("errors" in result) assert.fail(result.errors.map(formatInputError).join("\n"));
    assert.deepEqual(result.warnings.map(formatInputError), [
      `${fixture.dir}/claims.ts: alarms.maxEstimatedUsdPerDay: 150 USD a day (profile "chatbot", dev) can never fire before the monthly budget of 100 USD is spent`,
      `${fixture.dir}/sales.ts: budget.monthlyUsd: 25,000,000 USD a month in dev is beyond any sane figure (over 1,000,000): a typo?`,
    ]);
  });
});
