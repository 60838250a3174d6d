// Generated from src/contracts.ts by `npm run gen:contracts`: DO NOT EDIT; edit that file.
/**
 * The facts the program, the policy pack and the resolver must agree on, in one home. The pack
 * and the resolver ship on their own and cannot import the program, so each gets a generated copy
 * of this file (`npm run gen:contracts`: policies/lib/contracts.ts, resolver/contracts.ts), and
 * test/unit/contracts.test.ts fails when a copy is stale. Plain data only: no imports.
 */

/** The Pulumi project's name: the prefix of every SSM parameter and the `governed-by` tag's value. */
export const projectName = "bedrock-cost-governance";

/**
 * The tags every profile must carry when a stack sets no `mandatoryTags`: the program's default and
 * the pack's `mandatoryTags` setting's. `tenant` and `environment` are the ones budgets and anomaly
 * monitors filter on.
 */
export const defaultMandatoryTags = ["tenant", "environment", "dept", "team", "app", "cost-center"] as const;

/**
 * Where the program publishes each profile's ARN for applications (SSM Parameter Store):
 * `/<projectName>/<environment>/<tenant>/<profile>`, the segments in this order.
 */
export const parameterRoot = `/${projectName}`;
export const parameterLayout = ["environment", "tenant", "profile"] as const;
