import type { AccountConfig } from "./config";
import { partitionOf } from "./arns";
import { awsLimits, geoServesRegion } from "./catalog";
import { type InvokePolicyTenant, invokePolicySizeProblem } from "./invoke-policy-document";
import { profileNameProblem, providerDefaultTags } from "./naming";
import type { StackProfile, TenantInStack } from "./stack-tenants";
import type { TenantBudget } from "./tenant";
import type { InputError } from "./validation";

/**
 * What a valid tenant file must also satisfy in one stack, step by step: each step returns the
 * problems it finds, each at the field the user wrote (`TenantInStack.pathOf`).
 */

/** The account the tenant deploys to: its override's, its file's or the stack's default alias. */
export function stackAccount(seen: TenantInStack): {
  alias: string;
  account?: AccountConfig;
  errors: InputError[];
} {
  const { definition, override, config, environment } = seen;
  const alias = override.account ?? definition.account ?? config.defaultAccount;
  const account = config.accounts[alias];
  if (account) return { alias, account, errors: [] };
  const message = `"${alias}" is not an account alias of stack "${environment}" (${Object.keys(config.accounts).join(", ")})`;
  return { alias, errors: [problem(seen, seen.pathOf("account"), message)] };
}

export function mandatoryTagProblems(seen: TenantInStack, tags: Record<string, string>): InputError[] {
  const { mandatoryTags } = seen.config;
  return mandatoryTags.flatMap((key) => {
    if (tags[key] === undefined)
      return [
        problem(
          seen,
          seen.pathOf("tags"),
          `mandatory tag "${key}" is missing (the stack requires ${mandatoryTags.join(", ")})`,
        ),
      ];
    if (tags[key].trim() === "")
      return [problem(seen, `${seen.pathOf("tags")}.${key}`, `mandatory tag "${key}" may not be blank`)];
    return [];
  });
}

/** Each profile and its SSM parameter also carry `profile`, `model` and the providers' default tags. */
export function tagCountProblems(seen: TenantInStack, tags: Record<string, string>): InputError[] {
  const providerTags = Object.keys(providerDefaultTags);
  const resourceTagCount = new Set([...Object.keys(tags), "profile", "model", ...providerTags]).size;
  if (resourceTagCount <= awsLimits.maxUserTagsPerResource) return [];
  const message = `${resourceTagCount} tags with tenant, environment, profile, model and the providers' ${providerTags.join(", ")}; AWS allows ${awsLimits.maxUserTagsPerResource}`;
  return [problem(seen, seen.pathOf("tags"), message)];
}

export function denyWithoutRolesProblems(
  seen: TenantInStack,
  budget: TenantBudget,
  workloadRoles: readonly string[],
): InputError[] {
  if (budget.onExceed !== "deny" || workloadRoles.length > 0) return [];
  // Reported where the user wrote what is wrong: the override's onExceed or empty workloadRoles, else the file's.
  const { override, environment } = seen;
  const at =
    override.budget?.onExceed !== undefined
      ? `environments.${environment}.budget.onExceed`
      : override.workloadRoles !== undefined
        ? `environments.${environment}.workloadRoles`
        : "budget.onExceed";
  const message = `"deny" needs workloadRoles: the IAM role names the budget action attaches the deny policy to`;
  return [problem(seen, at, message)];
}

/** CloudWatch takes only SNS actions in the alarm's own Region and partition (PutMetricAlarm refuses others). */
export function alarmTopicProblems(
  seen: TenantInStack,
  snsTopicArns: readonly string[],
  region: string,
): InputError[] {
  return snsTopicArns.flatMap((arn, index) => {
    const [, partition, , topicRegion] = arn.split(":");
    if (topicRegion === region && partition === partitionOf(region)) return [];
    const message = `expected a topic in the tenant's Region ${region} (partition ${partitionOf(region)}): CloudWatch alarms publish only to topics of their own Region`;
    return [problem(seen, `${seen.pathOf("notify")}.snsTopicArns[${index}]`, message)];
  });
}

/** Per profile, in order: a derived AWS name AWS would refuse, then a geo that does not serve the Region. */
export function profileProblems(
  seen: TenantInStack,
  profiles: readonly StackProfile[],
  region: string,
  accountAlias: string,
): InputError[] {
  return profiles.flatMap((profile, index) => {
    const problems: InputError[] = [];
    const nameProblem = profileNameProblem(profile.awsName);
    if (nameProblem) problems.push(problem(seen, `profiles[${index}].name`, nameProblem));
    if (profile.crossRegion && !geoServesRegion(profile.crossRegion, region)) {
      const servedHere = (seen.catalog.find(profile.model)?.crossRegion ?? []).filter((geo) =>
        geoServesRegion(geo, region),
      );
      const advice = servedHere.length
        ? `use ${servedHere.join(" or ")}`
        : "no geo of the catalog serves this model there";
      const message = `the "${profile.crossRegion}" profiles are not offered in ${region}, the Region of account "${accountAlias}"; ${advice}`;
      problems.push(problem(seen, `profiles[${index}].crossRegion`, message));
    }
    return problems;
  });
}

/** IAM refuses a managed policy past 6,144 characters: known now, not at deploy. */
export function invokePolicyProblems(seen: TenantInStack, tenant: InvokePolicyTenant): InputError[] {
  const message = invokePolicySizeProblem(tenant);
  return message ? [problem(seen, "profiles", message)] : [];
}

function problem(seen: TenantInStack, path: string, message: string): InputError {
  return { file: seen.file, path, message };
}
