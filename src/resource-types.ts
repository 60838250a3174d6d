/**
 * The Pulumi type tokens of the root package that are not AWS resources the program creates: the
 * stack, its providers, the program's components, and the one type the check only reads from a
 * stack export of another program. Each AWS type the program creates has its token in its own spec
 * (src/aws-types/), and code that means one type imports that spec (`budget.type`).
 *
 * Names follow the policy pack's table (policies/lib/resource-types.ts), which ships on its own and
 * so cannot import these: test/unit/resource-types.test.ts requires the pack to spell every token
 * both name under the same name, and to know each program type it judges.
 */
export const resourceTypes = {
  stack: "pulumi:pulumi:Stack",
  awsProvider: "pulumi:providers:aws",
  tenantGuardrails: "bedrock-cost-governance:index:TenantGuardrails",
  organizationGuardrails: "bedrock-cost-governance:index:OrganizationGuardrails",

  /** Never registered by the program: the plan summary reads it from a stack export of another program. */
  nativeInferenceProfile: "aws-native:bedrock:ApplicationInferenceProfile",
} as const;
