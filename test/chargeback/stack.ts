import * as path from "node:path";
import { loadStackInputs } from "../../tools/chargeback/stack-inputs";
import { chargebackTenants } from "../fixtures/chargeback/tenants";
import { writeFixtureTenants } from "../helpers/fixture-tenant";

export const projectDir = path.resolve(__dirname, "..", "..");
/** The chargeback fixture tenants, written once a process (bench/chargeback.bench.ts passes it to its rounds). */
export const fixtureTenantsDir = writeFixtureTenants(chargebackTenants);

/** The `prod` stack of the repository with the chargeback fixture tenants (alpha, beta, gamma). */
export function prodStack() {
  const inputs = loadStackInputs(projectDir, "prod", fixtureTenantsDir);
  if ("errors" in inputs) throw new Error(JSON.stringify(inputs.errors));
  return inputs;
}
