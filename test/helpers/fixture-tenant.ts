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
    notify: { emails: [`${name}@insurer.test`] },
    ...fields,
  });
}

const written: TenantFixture[] = [];
process.on("exit", () => {
  for (const fixture of written) fixture.remove();
});

/**
 * Writes each tenant as `<name>.ts` (`export default { ... }`, the literal form the loader reads)
 * into a fresh temporary directory and returns the directory. It lives as long as the process,
 * since test files load their stack when mocha reads them and CLI runs read it from a child process.
 * The tenants need not be valid: a case about a bad file writes the bad value it is about.
 */
export function writeFixtureTenants(
  tenants: ReadonlyArray<{ readonly name: string; readonly [field: string]: unknown }>,
): string {
  const fixture = new TenantFixture(
    Object.fromEntries(tenants.map((tenant) => [`${tenant.name}.ts`, tenant])),
  );
  written.push(fixture);
  return fixture.dir;
}
