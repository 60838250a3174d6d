import { awsQuotas } from "./aws-quotas";
import type { StackTenant } from "./stack-tenants";
import type { LoadedTenant } from "./tenant-loader";
import type { InputError } from "./validation";

/**
 * The managed policies the program attaches to each of a tenant's workload roles: the invoke
 * policy, and with `onExceed: "deny"` the deny policy the budget action attaches at 100%.
 */
export const programPoliciesPerRole = (tenant: Pick<StackTenant, "budget">): number =>
  tenant.budget.onExceed === "deny" ? 2 : 1;

/** Where the tenant file sets the roles this environment uses: its override, else the file's list. */
function rolesPath(loaded: readonly LoadedTenant[], tenant: StackTenant): string {
  const definition = loaded.find((entry) => entry.file === tenant.file)?.definition;
  return definition?.environments?.[tenant.environment]?.workloadRoles !== undefined
    ? `environments.${tenant.environment}.workloadRoles`
    : "workloadRoles";
}

/**
 * A workload role belongs to one tenant in one environment. Shared by two tenants, or by two
 * environments in one account, it would get both invoke policies (and spend through the other's
 * profiles) and the other's budget action would cut it off; each sharer adds its policies to the
 * role's IAM quota of managed policies, so the deny attachment could fail exactly at 100%. Listed
 * twice in one tenant, it would be attached twice under one logical name. `tenants` may span
 * environments (the org stack passes all of them): roles are compared per account.
 */
export function workloadRoleProblems(
  tenants: readonly StackTenant[],
  loaded: readonly LoadedTenant[],
): InputError[] {
  const errors: InputError[] = [];
  const owners = new Map<string, { tenant: StackTenant; index: number }>();
  for (const tenant of tenants) {
    const path = rolesPath(loaded, tenant);
    tenant.workloadRoles.forEach((role, index) => {
      const key = `${tenant.accountId}\u0000${role}`;
      const owner = owners.get(key);
      if (!owner) {
        owners.set(key, { tenant, index });
        return;
      }
      const other = owner.tenant;
      const attached = programPoliciesPerRole(tenant) + programPoliciesPerRole(other);
      const message =
        other === tenant
          ? `role "${role}" is listed twice (also at [${owner.index}])`
          : `role "${role}" in account ${tenant.accountId} is also a workload role of tenant "${other.name}" (${other.environment}) in ${other.file}: ` +
            `each tenant and environment needs its own role (shared, it would invoke through both tenants' profiles, either budget action would cut it off, ` +
            `and ${attached} of its ${awsQuotas.managedPoliciesPerRole} managed policies would be the program's)`;
      errors.push({ file: tenant.file, path: `${path}[${index}]`, message });
    });
  }
  return errors;
}
