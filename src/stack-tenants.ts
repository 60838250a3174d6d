import { type ModelCatalog, type ModelPrice, stackCatalog } from "./catalog";
import type { StackConfig } from "./config";
import { inferenceProfileName, ssmParameterName } from "./naming";
import { workloadRoleProblems } from "./workload-role-problems";
import {
  alarmTopicProblems,
  denyWithoutRolesProblems,
  invokePolicyProblems,
  mandatoryTagProblems,
  profileProblems,
  stackAccount,
  tagCountProblems,
} from "./stack-tenant-problems";
import type { EnvironmentOverride, TenantAlarms, TenantDefinition, TenantProfile } from "./tenant";
import type { LoadedTenant } from "./tenant-loader";
import type { InputError } from "./validation";

/**
 * Fields of a tenant file the stack resolves rather than passes on: the account becomes ids and a
 * role, alarms become per-profile thresholds, profiles become `StackProfile`s, and `notify` and
 * `workloadRoles` lose their optionality. Every other field (`name`, `tags`, `budget` and any field
 * added to the schema) is the file's value, with the environment's override applied.
 */
type ResolvedField = "account" | "alarms" | "environments" | "profiles" | "notify" | "workloadRoles";

/** A tenant as it is in one stack: overrides applied, defaults derived, names computed. */
export type StackTenant = Omit<TenantDefinition, ResolvedField> & {
  file: string;
  environment: string;
  accountAlias: string;
  accountId: string;
  roleArn: string;
  region: string;
  /** The payer account: Cost Anomaly Detection publishes from it (`aws:SourceAccount`). */
  billingAccountId: string;
  /** Cost tags every resource of the tenant carries: the tenant's own plus `tenant` and `environment`. */
  tags: Record<string, string>;
  notify: Required<TenantDefinition["notify"]>;
  profiles: StackProfile[];
  workloadRoles: NonNullable<TenantDefinition["workloadRoles"]>;
  /** Profiles are created with `protect: true` (protected environment). */
  protect: boolean;
};

/** A profile as the tenant file wrote it (the schema's fields), with what the stack derives. */
export type StackProfile = TenantProfile & {
  /** The tenant's, or `defaultProfileDescription`'s. */
  description: string;
  /** The application inference profile's AWS name. */
  awsName: string;
  /** SSM parameter holding the profile ARN. */
  parameterName: string;
  price: ModelPrice;
  alarms: Required<TenantAlarms>;
};

/**
 * The description a profile gets when its tenant gives none. Bedrock's `InferenceProfileDescription`
 * takes 1-200 characters of `([0-9a-zA-Z:.][ _-]?)+` (src/data/aws-rules.json): no `/`, `(` or `)`, no
 * doubled separators. Tenant, profile and environment names and model ids are made of those
 * characters already, so words and single spaces keep it inside the pattern.
 */
export function defaultProfileDescription(
  tenant: string,
  environment: string,
  profile: { name: string; model: string; crossRegion?: string },
): string {
  const text = `tenant ${tenant} profile ${profile.name} in ${environment} for ${profile.model}${profile.crossRegion ? ` via ${profile.crossRegion}` : ""}`;
  return text.slice(0, 200).replace(/[ _-]+$/, "");
}

/** The token mix of a "typical" call, used only to derive a default invocation-rate alarm. */
const typicalCall = { inputTokens: 2000, outputTokens: 500 };
const minutesPerMonth = 30 * 24 * 60;

/**
 * Default alarm thresholds derived from the budget, per profile: the invocation rate at ten
 * times what the budget buys at an even pace (traffic is bursty), and twice the even daily
 * share of the budget for estimated spend.
 */
export function defaultAlarms(monthlyUsd: number, price: ModelPrice): Required<TenantAlarms> {
  const usdPerCall =
    (typicalCall.inputTokens * price.inputPer1M + typicalCall.outputTokens * price.outputPer1M) / 1e6;
  const evenCallsPerMinute = usdPerCall > 0 ? monthlyUsd / minutesPerMonth / usdPerCall : Infinity;
  return {
    maxInvocationsPerMinute: Number.isFinite(evenCallsPerMinute)
      ? Math.max(10, Math.ceil(10 * evenCallsPerMinute))
      : 1000,
    maxEstimatedUsdPerDay: Math.round(((2 * monthlyUsd) / 30) * 100) / 100,
    maxThrottlesPer5Minutes: 10,
  };
}

/**
 * Applies the stack (environment overrides, accounts, mandatory tags, prices) to validated
 * tenant definitions. Collects every problem instead of stopping at the first.
 */
export function tenantsForStack(
  loaded: readonly LoadedTenant[],
  config: StackConfig,
): { tenants: StackTenant[]; errors: InputError[] } {
  const tenants: StackTenant[] = [];
  const errors: InputError[] = [];
  const catalog = stackCatalog(config.models);
  for (const { file, definition } of loaded) {
    const { tenant, errors: tenantErrors } = tenantForStack(file, definition, config, catalog);
    errors.push(...tenantErrors);
    if (tenant && (config.accountScope === undefined || tenant.accountAlias === config.accountScope))
      tenants.push(tenant);
  }
  errors.push(...derivedNameClashes(tenants), ...workloadRoleProblems(tenants, loaded));
  return { tenants, errors };
}

/**
 * Tenant `a` with profile `b-c` and tenant `a-b` with profile `c` derive the same profile name
 * (`a-b-c-<env>`) and the same Pulumi logical names: AWS and the engine would refuse the second.
 */
function derivedNameClashes(tenants: readonly StackTenant[]): InputError[] {
  const errors: InputError[] = [];
  const owners = new Map<string, { tenant: StackTenant; profile: string }>();
  for (const tenant of tenants) {
    tenant.profiles.forEach((profile, index) => {
      const owner = owners.get(profile.awsName);
      if (!owner) {
        owners.set(profile.awsName, { tenant, profile: profile.name });
        return;
      }
      errors.push({
        file: tenant.file,
        path: `profiles[${index}].name`,
        message: `the derived profile name "${profile.awsName}" is also derived from profile "${owner.profile}" of ${owner.tenant.file}: rename one of them`,
      });
    });
  }
  return errors;
}

/**
 * One tenant file seen from one stack: its override for the stack's environment, and where the
 * user wrote each field (the override when it sets the field, else the file), so problems are
 * reported at what to change.
 */
export interface TenantInStack {
  file: string;
  definition: TenantDefinition;
  config: StackConfig;
  /** The stack's models: the catalog's and its config's own. */
  catalog: ModelCatalog;
  environment: string;
  override: EnvironmentOverride;
  pathOf(field: keyof EnvironmentOverride): string;
}

function tenantInStack(
  file: string,
  definition: TenantDefinition,
  config: StackConfig,
  catalog: ModelCatalog,
): TenantInStack {
  const environment = config.environment;
  const override = definition.environments?.[environment] ?? {};
  const pathOf = (field: keyof EnvironmentOverride) =>
    override[field] !== undefined ? `environments.${environment}.${field}` : field;
  return { file, definition, config, catalog, environment, override, pathOf };
}

/** The tenant in this stack, or every problem that keeps it out (none when the stack leaves it out). */
function tenantForStack(
  file: string,
  definition: TenantDefinition,
  config: StackConfig,
  catalog: ModelCatalog,
): { tenant?: StackTenant; errors: InputError[] } {
  const seen = tenantInStack(file, definition, config, catalog);
  if (seen.override.enabled === false) return { errors: [] };
  const { override, environment } = seen;
  const { alias, account, errors: accountErrors } = stackAccount(seen);
  const region = account?.region ?? config.region;
  const given = givenFields(definition, override);
  const tags = { ...definition.tags, ...override.tags, tenant: definition.name, environment };
  const budget = { ...definition.budget, ...override.budget };
  const workloadRoles = given.workloadRoles ?? [];
  const notify = { ...given.notify, snsTopicArns: given.notify.snsTopicArns ?? [] };
  const profiles = definition.profiles.map((profile) => stackProfile(seen, profile, budget.monthlyUsd));
  const errors = [
    ...accountErrors,
    ...mandatoryTagProblems(seen, tags),
    ...tagCountProblems(seen, tags),
    ...denyWithoutRolesProblems(seen, budget, workloadRoles),
    ...alarmTopicProblems(seen, notify.snsTopicArns, region),
    ...profileProblems(seen, profiles, region, alias),
    ...(account
      ? invokePolicyProblems(seen, {
          name: definition.name,
          environment,
          region,
          accountId: account.accountId,
          profiles,
        })
      : []),
  ];
  if (errors.length > 0 || !account) return { errors };
  const { account: _alias, alarms: _perProfile, ...passedOn } = given;
  const tenant: StackTenant = {
    ...passedOn,
    file,
    environment,
    accountAlias: alias,
    accountId: account.accountId,
    roleArn: account.roleArn,
    region,
    billingAccountId: config.billing.accountId,
    tags,
    notify,
    profiles,
    budget,
    workloadRoles,
    protect: config.protectedEnvironments.includes(environment),
  };
  return { tenant, errors };
}

/**
 * The tenant file's fields but its profiles, each replaced by the environment's override where it
 * sets one.
 */
function givenFields(definition: TenantDefinition, override: EnvironmentOverride) {
  const { environments: _environments, profiles: _profiles, ...fields } = definition;
  // Tags and budget merge with the file's; the caller merges them.
  const { enabled: _enabled, tags: _tags, budget: _budget, ...overrides } = override;
  const given: typeof fields = { ...fields, ...stripUndefined(overrides) };
  return given;
}

/** A profile as the stack creates it: AWS names derived, price looked up, alarm thresholds defaulted. */
function stackProfile(seen: TenantInStack, profile: TenantProfile, monthlyUsd: number): StackProfile {
  const { definition, environment, override } = seen;
  const price = seen.catalog.priceOf(profile.model, seen.config.priceOverrides);
  return {
    ...profile,
    description: profile.description ?? defaultProfileDescription(definition.name, environment, profile),
    awsName: inferenceProfileName(definition.name, profile.name, environment),
    parameterName: ssmParameterName(environment, definition.name, profile.name),
    price,
    alarms: {
      ...defaultAlarms(monthlyUsd, price),
      ...stripUndefined(definition.alarms),
      ...stripUndefined(override.alarms),
    },
  };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
