import type { TenantInput } from "../../src/tenant";
import { TenantFixture, validTenant } from "./tenant-fixtures";

/**
 * A fixture tenant named `name`: `validTenant` with the cost tags and the email made from the
 * name, so that tenants of one set tell apart in tags and subscriptions, and no `account` (the
 * stack's `defaultAccount`). A case passes only the fields it is about: its test says what matters.
 */
export function fixtureTenant(fields: Pick<TenantInput, "name"> & Partial<TenantInput>): TenantInput {
  const { name } = fields;
  return validTenant({
    tags: { dept: "finops", team: name, app: `${name}_app`, "cost-center": "CC-0001" },
    notify: { emails: [`${name}@example.com`] },
    ...fields,
  });
}

/**
 * Writes each tenant as `<name>.ts` (`export default { ... }`, the literal form the loader reads)
 * into a fresh temporary directory and returns the directory. Written while test files load, it
 * lives until the run ends (test/helpers/temp-files.ts): CLI runs read it from a child process.
 * The tenants need not be valid: a case about a bad file writes the bad value it is about.
 */
export function writeFixtureTenants(
  tenants: ReadonlyArray<{ readonly name: string; readonly [field: string]: unknown }>,
): string {
  return new TenantFixture(Object.fromEntries(tenants.map((tenant) => [`${tenant.name}.ts`, tenant]))).dir;
}
