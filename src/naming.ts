/**
 * Every AWS name, tag value and SSM path the program derives, in one place, so
 * that renames are deliberate and the rules each name must meet sit beside it.
 */
import { parameterLayout, parameterRoot, projectName } from "./contracts";

export { projectName };

/**
 * Tags the AWS providers add to every resource (`defaultTags`), beside each tenant's cost tags.
 * They count toward AWS's 50 tags per resource.
 */
export const providerDefaultTags: Readonly<Record<string, string>> = {
  "managed-by": "pulumi",
  "governed-by": projectName,
};

/** Application inference profile names: 1-64 characters matching `([0-9a-zA-Z][ _-]?)+`. */
export const profileNamePattern = /^([0-9a-zA-Z][ _-]?)+$/;
export const profileNameMaxLength = 64;

export function inferenceProfileName(tenant: string, profile: string, environment: string): string {
  return `${tenant}-${profile}-${environment}`;
}

/** Why a derived profile name would be refused by Bedrock, or undefined when it fits. */
export function profileNameProblem(name: string): string | undefined {
  if (name.length > profileNameMaxLength) {
    return `the derived profile name "${name}" is ${name.length} characters; Bedrock allows at most ${profileNameMaxLength}: shorten the tenant or profile name`;
  }
  if (!profileNamePattern.test(name)) {
    return `the derived profile name "${name}" does not match ([0-9a-zA-Z][ _-]?)+ (no doubled or trailing "-"): rename the tenant or profile`;
  }
  return undefined;
}

/** Under `/<project>`, the segments of src/contracts.ts's layout that are given, in its order. */
function parameterPathOf(segments: Partial<Record<(typeof parameterLayout)[number], string>>): string {
  const given = parameterLayout.flatMap((segment) =>
    segments[segment] === undefined ? [] : [segments[segment]],
  );
  return [parameterRoot, ...given].join("/");
}

/** The path under which a tenant's profile ARNs of one environment are written (resolver/: `<root>/<environment>/<tenant>`). */
export const ssmParameterPath = (environment: string, tenant: string): string =>
  parameterPathOf({ environment, tenant });

/** The profile's ARN parameter, laid out as the resolver reads it (src/contracts.ts). */
export function ssmParameterName(environment: string, tenant: string, profile: string): string {
  return parameterPathOf({ environment, tenant, profile });
}

export const budgetName = (tenant: string, environment: string): string => `${tenant}-${environment}-bedrock`;
export const invokePolicyName = (tenant: string, environment: string): string =>
  `${tenant}-${environment}-bedrock-invoke`;
export const denyPolicyName = (tenant: string, environment: string): string =>
  `${tenant}-${environment}-bedrock-deny`;
export const budgetActionRoleName = (tenant: string, environment: string): string =>
  `${tenant}-${environment}-budget-action`;
export const alertTopicName = (tenant: string, environment: string): string =>
  `${tenant}-${environment}-bedrock-alerts`;
export const alarmName = (tenant: string, profile: string, environment: string, metric: string): string =>
  `${tenant}-${profile}-${environment}-${metric}`;

/** Logical names for Pulumi resources: derived from names, never array indexes, so reorders replace nothing. */
export const logicalName = (...parts: string[]): string => parts.join("-");
