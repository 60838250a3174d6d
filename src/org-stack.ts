import { namespacedErrors, stackConfigSchema } from "./config";
import { type OrgConfig, validateOrgConfig } from "./org-config";
import type { ServiceControlPolicyDocument } from "./scp/documents";
import { orgServiceControlPolicies, serviceControlPolicyLimitErrors } from "./scp/org-policies";
import { type ValidateStackInputs, readConfigAndTenants } from "./stack";
import { type StackTenant, tenantsForStack } from "./stack-tenants";
import type { InputError } from "./validation";
import { workloadRoleProblems } from "./workload-role-problems";

/** One governed environment as the org stack sees it: its tenants, resolved as its own stack resolves them. */
export interface GovernedEnvironmentTenants {
  name: string;
  tenants: StackTenant[];
  /** The environment's deploy roles (each account's `roleArn`): the SCPs' tag exemptions. */
  deployRoleArns: string[];
}

export interface OrgStackInputs {
  scope: "organization";
  config: OrgConfig;
  environments: GovernedEnvironmentTenants[];
  /** The SCPs to create, empty when `serviceControlPolicies.manage` is false. */
  serviceControlPolicies: ServiceControlPolicyDocument[];
}

/**
 * Validates the org stack's config and the tenant files, and resolves each tenant in each governed
 * environment with the same code the environment stacks use (`tenantsForStack`): the names, ARNs
 * and thresholds the org stack derives are the ones the environment stacks create, without a
 * StackReference (see docs/operations.md, "The org stack").
 */
export const validateOrgInputs: ValidateStackInputs<OrgStackInputs> = (
  flatConfig,
  configFile,
  baseDirectory,
) => {
  const read = readConfigAndTenants(flatConfig, configFile, baseDirectory, { validate: validateOrgConfig });
  if ("errors" in read) return read;
  const { config, loaded } = read;
  const errors: InputError[] = [...loaded.errors];
  const environments: GovernedEnvironmentTenants[] = [];
  for (const [name, environment] of Object.entries(config.environments)) {
    // The environment's stack config as far as tenants depend on it; the rest takes its defaults.
    const stackConfig = stackConfigSchema.safeParse({
      environment: name,
      region: environment.region,
      mandatoryTags: config.mandatoryTags,
      accounts: environment.accounts,
      defaultAccount: environment.defaultAccount,
      billing: { accountId: config.payer.accountId },
      tenantsDir: config.tenantsDir,
    });
    if (!stackConfig.success) {
      const issues = stackConfig.error.issues.map((issue) => ({
        ...issue,
        path: ["environments", name, ...issue.path],
      }));
      errors.push(...namespacedErrors(configFile, issues));
      continue;
    }
    const resolved = tenantsForStack(loaded.tenants, stackConfig.data);
    errors.push(...resolved.errors);
    environments.push({
      name,
      tenants: resolved.tenants,
      deployRoleArns: [...new Set(Object.values(environment.accounts).map((account) => account.roleArn))],
    });
  }
  // Two environments may share an account: a role is one tenant's in one environment across all of them.
  errors.push(
    ...workloadRoleProblems(
      environments.flatMap((environment) => environment.tenants),
      loaded.tenants,
    ),
  );
  if (errors.length > 0) return { errors: dedupe(errors) };
  const serviceControlPolicies = orgServiceControlPolicies(config, environments);
  const limitErrors = serviceControlPolicyLimitErrors(config, serviceControlPolicies, configFile);
  if (limitErrors.length > 0) return { errors: limitErrors };
  return { scope: "organization", config, environments, serviceControlPolicies };
};

/** A tenant file's own problem is found once per environment; reported once. */
function dedupe(errors: InputError[]): InputError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.file}\u0000${error.path}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
