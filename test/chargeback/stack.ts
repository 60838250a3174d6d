import * as path from "node:path";
import type { ChargebackOptions } from "../../tools/chargeback/args";
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

/** `npm run chargeback -- --stack prod --month 2026-11 --format json` on the fixture tenants, as parsed, with `extra` on top. */
export function prodOptions(extra: Partial<ChargebackOptions> = {}): ChargebackOptions {
  return {
    stack: "prod",
    month: "2026-11",
    cur: [],
    byProfile: false,
    format: "json",
    tenantsDir: fixtureTenantsDir,
    assumeRole: false,
    help: false,
    costBasis: "net",
    periodBasis: "billing",
    ...extra,
  };
}
