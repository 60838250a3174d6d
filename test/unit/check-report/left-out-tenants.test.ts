import * as assert from "node:assert/strict";
import { validateStackInputs } from "../../../src/stack";
import { writeFixtureTenants } from "../../helpers/fixture-tenant";
import { stackFileConfig } from "../../helpers/program";
import { reportTenants } from "../../fixtures/report/tenants";

const fixtureTenants = writeFixtureTenants(reportTenants);

function leftOut(stack: string, set: Record<string, string> = {}) {
  const config = { ...stackFileConfig(stack), "bedrock-cost-governance:tenantsDir": fixtureTenants, ...set };
  const inputs = validateStackInputs(config, `Pulumi.${stack}.yaml`, process.cwd());
  if ("errors" in inputs) throw new Error(JSON.stringify(inputs.errors));
  return inputs.leftOut.map(({ name, reason }) => `${name}: ${reason}`);
}

describe("the tenants a stack leaves out", () => {
  it("names a tenant switched off for the stack's environment", () => {
    assert.deepEqual(leftOut("dev"), ["dormant: environments.dev.enabled is false"]);
    assert.deepEqual(leftOut("prod"), []);
  });

  it("names the tenants of other accounts in a stack split by accountScope", () => {
    assert.deepEqual(leftOut("prod", { "bedrock-cost-governance:accountScope": "claims-ai" }).sort(), [
      'birch: account "shared-ai" is outside this stack\'s accountScope "claims-ai"',
      'copper: account "shared-ai" is outside this stack\'s accountScope "claims-ai"',
      'dormant: account "shared-ai" is outside this stack\'s accountScope "claims-ai"',
      'ledger: account "shared-ai" is outside this stack\'s accountScope "claims-ai"',
    ]);
  });
});
