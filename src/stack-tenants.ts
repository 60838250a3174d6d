import { partitionOf } from "./arns";
import { invokePolicySizeProblem } from "./invoke-policy-document";
import {
  awsLimits,
  type CrossRegionGeo,
  type ModelPrice,
  findModel,
  geoServesRegion,
  priceOf,
} from "./catalog";
import type { StackConfig } from "./config";
import { inferenceProfileName, profileNameProblem, providerDefaultTags, ssmParameterName } from "./naming";
import type { TenantAlarms, TenantDefinition } from "./tenant";
import type { LoadedTenant } from "./tenant-loader";
import type { InputError } from "./validation";

/** A tenant as it is in one stack: overrides applied, defaults derived, names computed. */
export interface StackTenant {
  name: string;
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
  notify: { emails: string[]; snsTopicArns: string[] };
  profiles: StackProfile[];
  budget: {
    monthlyUsd: number;
    alertAtPercent: number[];
    forecastAtPercent: number;
    onExceed: "notify" | "deny";
  };
  workloadRoles: string[];
  /** Profiles are created with `protect: true` (protected environment). */
  protect: boolean;
}

export interface StackProfile {
  name: string;
  model: string;
  crossRegion?: CrossRegionGeo;
  description: string;
  /** The application inference profile's AWS name. */
  awsName: string;
  /** SSM parameter holding the profile ARN. */
  parameterName: string;
  price: ModelPrice;
  alarms: Required<TenantAlarms>;
}

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
  for (const { file, definition } of loaded) {
    const tenant = tenantForStack(file, definition, config, errors);
    if (tenant && (config.accountScope === undefined || tenant.accountAlias === config.accountScope))
      tenants.push(tenant);
  }
  errors.push(...derivedNameClashes(tenants));
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

function tenantForStack(
  file: string,
  definition: TenantDefinition,
  config: StackConfig,
  errors: InputError[],
): StackTenant | undefined {
  const environment = config.environment;
  const override = definition.environments?.[environment] ?? {};
  if (override.enabled === false) return undefined;
  const overridePath = (field: string) =>
    override[field as keyof typeof override] !== undefined ? `environments.${environment}.${field}` : field;
  const problems: InputError[] = [];
  const report = (path: string, message: string) => problems.push({ file, path, message });

  const accountAlias = override.account ?? definition.account ?? config.defaultAccount;
  const account = config.accounts[accountAlias];
  if (!account) {
    report(
      overridePath("account"),
      `"${accountAlias}" is not an account alias of stack "${environment}" (${Object.keys(config.accounts).join(", ")})`,
    );
  }

  const tags: Record<string, string> = {
    ...definition.tags,
    ...override.tags,
    tenant: definition.name,
    environment,
  };
  for (const key of config.mandatoryTags) {
    if (tags[key] === undefined)
      report(
        overridePath("tags"),
        `mandatory tag "${key}" is missing (the stack requires ${config.mandatoryTags.join(", ")})`,
      );
    else if (tags[key].trim() === "")
      report(`${overridePath("tags")}.${key}`, `mandatory tag "${key}" may not be blank`);
  }
  // Each profile and its SSM parameter also carry `profile`, `model` and the providers' default tags.
  const resourceTagCount = new Set([
    ...Object.keys(tags),
    "profile",
    "model",
    ...Object.keys(providerDefaultTags),
  ]).size;
  if (resourceTagCount > awsLimits.maxUserTagsPerResource) {
    report(
      overridePath("tags"),
      `${resourceTagCount} tags with tenant, environment, profile, model and the providers' ${Object.keys(providerDefaultTags).join(", ")}; AWS allows ${awsLimits.maxUserTagsPerResource}`,
    );
  }

  const budget = { ...definition.budget, ...override.budget };
  const workloadRoles = override.workloadRoles ?? definition.workloadRoles ?? [];
  if (budget.onExceed === "deny" && workloadRoles.length === 0) {
    report(
      overridePath("budget") === "budget" ? "budget.onExceed" : `environments.${environment}.budget`,
      `"deny" needs workloadRoles: the IAM role names the budget action attaches the deny policy to`,
    );
  }
  const notify = override.notify ?? definition.notify;
  const region = account?.region ?? config.region;
  // CloudWatch takes only SNS actions in the alarm's own Region and partition (PutMetricAlarm refuses others).
  (notify.snsTopicArns ?? []).forEach((arn, index) => {
    const [, partition, , topicRegion] = arn.split(":");
    if (topicRegion !== region || partition !== partitionOf(region))
      report(
        `${overridePath("notify")}.snsTopicArns[${index}]`,
        `expected a topic in the tenant's Region ${region} (partition ${partitionOf(region)}): CloudWatch alarms publish only to topics of their own Region`,
      );
  });

  const profiles = definition.profiles.map((profile, index): StackProfile => {
    const awsName = inferenceProfileName(definition.name, profile.name, environment);
    const nameProblem = profileNameProblem(awsName);
    if (nameProblem) report(`profiles[${index}].name`, nameProblem);
    if (profile.crossRegion && !geoServesRegion(profile.crossRegion, region)) {
      const servedHere = (findModel(profile.model)?.crossRegion ?? []).filter((geo) =>
        geoServesRegion(geo, region),
      );
      report(
        `profiles[${index}].crossRegion`,
        `the "${profile.crossRegion}" profiles are not offered in ${region}, the Region of account "${accountAlias}"; ${
          servedHere.length
            ? `use ${servedHere.join(" or ")}`
            : "no geo of the catalog serves this model there"
        }`,
      );
    }
    const price = priceOf(profile.model, config.priceOverrides);
    return {
      name: profile.name,
      model: profile.model,
      crossRegion: profile.crossRegion,
      description:
        profile.description ??
        defaultProfileDescription(definition.name, environment, {
          name: profile.name,
          model: profile.model,
          crossRegion: profile.crossRegion,
        }),
      awsName,
      parameterName: ssmParameterName(environment, definition.name, profile.name),
      price,
      alarms: {
        ...defaultAlarms(budget.monthlyUsd, price),
        ...stripUndefined(definition.alarms),
        ...stripUndefined(override.alarms),
      },
    };
  });

  // IAM refuses a managed policy past 6,144 characters: known now, not at deploy.
  const policyProblem = account
    ? invokePolicySizeProblem({ region, accountId: account.accountId, profiles })
    : undefined;
  if (policyProblem) report("profiles", policyProblem);
  errors.push(...problems);
  if (problems.length > 0 || !account) return undefined;
  return {
    name: definition.name,
    file,
    environment,
    accountAlias,
    accountId: account.accountId,
    roleArn: account.roleArn,
    region,
    billingAccountId: config.billing.accountId,
    tags,
    notify: { emails: notify.emails, snsTopicArns: notify.snsTopicArns ?? [] },
    profiles,
    budget,
    workloadRoles,
    protect: config.protectedEnvironments.includes(environment),
  };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
