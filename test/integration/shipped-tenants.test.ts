/**
 * The shipped tenants, whatever they are: tenant owners add, change and remove files in
 * `tenants/`, so nothing here names a tenant or a figure. Each file must be a valid tenant named
 * after its file, and every stack must plan them and pass the policy pack.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { stackScopeOf } from "../../src/org-config";
import { validateOrgInputs } from "../../src/org-stack";
import { validateStackInputs } from "../../src/stack";
import { loadTenants } from "../../src/tenant-loader";
import { formatInputError } from "../../src/validation";
import { policyPackPerSuite, violationLines } from "../helpers/policy-pack";
import { planStack, projectDir, stackFileConfig, types } from "../helpers/program";

const shippedDir = path.join(projectDir, "tenants");
const stacks = fs
  .readdirSync(projectDir)
  .map((name) => /^Pulumi\.([^.]+)\.yaml$/.exec(name)?.[1])
  .filter((stack): stack is string => stack !== undefined)
  .sort();

describe("the shipped tenants", function () {
  this.timeout(120_000);
  const host = policyPackPerSuite();

  it("are valid tenant files, tenants/<name>.ts holding tenant <name>", () => {
    const { tenants, errors } = loadTenants(shippedDir);
    assert.deepEqual(errors.map(formatInputError), []);
    assert.ok(tenants.length > 0 && stacks.length > 0, "tenants/ holds tenants, the project has stacks");
    for (const { file, definition } of tenants) assert.equal(definition.name, path.basename(file, ".ts"));
  });

  for (const stack of stacks) {
    it(`pass the check's validation, plan and pass every policy in ${stack}`, async () => {
      const config = { ...stackFileConfig(stack), "bedrock-cost-governance:tenantsDir": shippedDir };
      const organization = stackScopeOf(config) === "organization";
      const inputs = (organization ? validateOrgInputs : validateStackInputs)(
        config,
        `Pulumi.${stack}.yaml`,
        projectDir,
      );
      if ("errors" in inputs) assert.fail(inputs.errors.map(formatInputError).join("\n"));

      const plan = await planStack(stack, { tenantsDir: shippedDir });
      if ("tenants" in inputs) {
        assert.deepEqual(
          plan.byType(types.tenantGuardrails).map((component) => component.name),
          inputs.tenants.map((tenant) => tenant.name).sort(),
          "one TenantGuardrails per tenant the stack holds",
        );
      }
      const violations = await host().analyze([...plan.resources]);
      assert.deepEqual(violationLines(violations), []);
    });
  }
});
