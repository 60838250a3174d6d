/**
 * The type tokens the tests name, light to import (no SDK): the report fixtures read them as well
 * as the program's tests.
 */
import { awsResourceSpecs } from "../../src/aws-resource-specs";
import { resourceTypes } from "../../src/resource-types";

/** An AWS type's token, from its spec (src/aws-types/); a name no spec has fails loudly. */
function tokenOf(name: string): string {
  const spec = awsResourceSpecs[name];
  if (!spec) throw new Error(`no AWS type spec is exported as ${name} from src/aws-types/`);
  return spec.type;
}

/**
 * The type tokens the program registers, under the names the program tests use; each token is
 * its spec's or src/resource-types.ts's, never spelt again here.
 */
export const types = {
  anomalyMonitor: tokenOf("anomalyMonitor"),
  anomalySubscription: tokenOf("anomalySubscription"),
  budget: tokenOf("budget"),
  budgetAction: tokenOf("budgetAction"),
  costAllocationTag: tokenOf("costAllocationTag"),
  inferenceProfile: tokenOf("inferenceProfile"),
  metricAlarm: tokenOf("metricAlarm"),
  organizationGuardrails: resourceTypes.organizationGuardrails,
  parameter: tokenOf("ssmParameter"),
  policy: tokenOf("iamPolicy"),
  provider: resourceTypes.awsProvider,
  role: tokenOf("iamRole"),
  rolePolicy: tokenOf("iamRolePolicy"),
  rolePolicyAttachment: tokenOf("iamRolePolicyAttachment"),
  scp: tokenOf("organizationsPolicy"),
  scpAttachment: tokenOf("organizationsPolicyAttachment"),
  stack: resourceTypes.stack,
  tenantGuardrails: resourceTypes.tenantGuardrails,
  topic: tokenOf("snsTopic"),
  topicPolicy: tokenOf("snsTopicPolicy"),
  topicSubscription: tokenOf("snsTopicSubscription"),
} as const;

/**
 * The types of a tenant's resources the tests state: the program's test names each such resource,
 * and the report fixtures (test/helpers/check-report.ts) are made of them. A type the component
 * creates beyond these (a new AWS resource type: its spec and the component) is held to its spec by
 * the spec tests, so adding one changes no expectation and no report fixture.
 */
export const statedTenantChildTypes: ReadonlySet<string> = new Set([
  types.inferenceProfile,
  types.parameter,
  types.metricAlarm,
  types.topic,
  types.topicPolicy,
  types.topicSubscription,
  types.budget,
  types.policy,
  types.rolePolicyAttachment,
  types.role,
  types.rolePolicy,
  types.budgetAction,
]);
