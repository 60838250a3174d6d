import { strict as assert } from "node:assert";
import { type StackConfig, stackConfigSchema } from "../../src/config";
import { tenantsForStack } from "../../src/stack-tenants";
import { type TenantInput, tenantSchema } from "../../src/tenant";
import type { LoadedTenant } from "../../src/tenant-loader";
import { formatInputError } from "../../src/validation";
import { workloadRoleProblems } from "../../src/workload-role-problems";
import { validTenant } from "../helpers/tenant-fixtures";

/** One account shared by the dev and prod environments. */
const config = (environment: string): StackConfig =>
  stackConfigSchema.parse({
    environment,
    region: "us-east-1",
    accounts: { shared: { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/deploy" } },
    defaultAccount: "shared",
    billing: { accountId: "123456789012", roleArn: "arn:aws:iam::123456789012:role/billing" },
  });
const loaded = (input: TenantInput): LoadedTenant => ({
  file: `tenants/${input.name}.ts`,
  definition: tenantSchema.parse(input),
});
const claims = (workloadRoles: string[], changes: Partial<TenantInput> = {}) =>
  loaded(validTenant({ workloadRoles, ...changes }));
const underwriting = (workloadRoles: string[]) =>
  loaded(validTenant({ name: "underwriting", workloadRoles }));
const stackProblems = (files: LoadedTenant[], environment = "dev") =>
  tenantsForStack(files, config(environment)).errors.map(formatInputError);

describe("workload roles belong to one tenant in one environment", () => {
  it("refuses a role two tenants of one stack share, naming both files and the role", () => {
    assert.deepEqual(
      stackProblems([claims(["claims-api", "shared-worker"]), underwriting(["shared-worker"])]),
      [
        'tenants/underwriting.ts: workloadRoles[0]: role "shared-worker" in account 111122223333 is also a workload role of tenant "claims" (dev) in tenants/claims.ts: ' +
          "each tenant and environment needs its own role (shared, it would invoke through both tenants' profiles, either budget action would cut it off, and 2 of its 10 managed policies would be the program's)",
      ],
    );
    assert.deepEqual(stackProblems([claims(["claims-api"]), underwriting(["underwriting-api"])]), []);
  });

  it("refuses a role two environments in one account share, at the override that sets it", () => {
    const files = [claims(["claims-api"], { environments: { prod: { workloadRoles: ["claims-api"] } } })];
    const tenants = ["dev", "prod"].flatMap(
      (environment) => tenantsForStack(files, config(environment)).tenants,
    );
    assert.deepEqual(workloadRoleProblems(tenants, files).map(formatInputError), [
      'tenants/claims.ts: environments.prod.workloadRoles[0]: role "claims-api" in account 111122223333 is also a workload role of tenant "claims" (dev) in tenants/claims.ts: ' +
        "each tenant and environment needs its own role (shared, it would invoke through both tenants' profiles, either budget action would cut it off, and 2 of its 10 managed policies would be the program's)",
    ]);
  });

  it("counts the deny policy among the program's attachments, and refuses a role listed twice", () => {
    const deny = { budget: { monthlyUsd: 1000, onExceed: "deny" as const } };
    assert.match(
      stackProblems([
        claims(["worker"], deny),
        loaded(validTenant({ name: "underwriting", workloadRoles: ["worker"], ...deny })),
      ])[0],
      /and 4 of its 10 managed policies would be the program's/,
    );
    assert.deepEqual(stackProblems([claims(["claims-api", "claims-api"])]), [
      'tenants/claims.ts: workloadRoles[1]: role "claims-api" is listed twice (also at [0])',
    ]);
  });
});
