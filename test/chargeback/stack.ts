import * as path from "node:path";
import { loadStackInputs } from "../../tools/chargeback/stack-inputs";

export const projectDir = path.resolve(__dirname, "..", "..");
export const fixtureTenantsDir = path.join(projectDir, "test", "fixtures", "chargeback", "tenants");

/** The `prod` stack of the repository with the chargeback fixture tenants (alpha, beta, gamma). */
export function prodStack() {
  const inputs = loadStackInputs(projectDir, "prod", fixtureTenantsDir);
  if ("errors" in inputs) throw new Error(JSON.stringify(inputs.errors));
  return inputs;
}
