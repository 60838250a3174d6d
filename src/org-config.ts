import { z } from "zod";
import {
  accountAliasSchema,
  accountIdSchema,
  accountSchema,
  environmentNameSchema,
  mandatoryTagsSchema,
  namespacePrefix,
  namespacedConfig,
  namespacedErrors,
  regionSchema,
  roleArnSchema,
} from "./config";
import type { InputError } from "./validation";

/**
 * The org stack's configuration (`Pulumi.org.yaml`, `bedrock-cost-governance:scope: organization`):
 * what lives once in the payer (management) account. It names the environments it governs with
 * their accounts (the same `accounts` blocks as their own stack files) and reads the same
 * `tenants/`: tenant data is never copied here.
 */
const governedEnvironmentSchema = z.strictObject({
  /** Default Region of this environment's tenant accounts, as in its own stack file. */
  region: regionSchema.default("us-east-1"),
  /** Account alias → account, as in the environment's stack file; `roleArn` is its deploy role. */
  accounts: z
    .record(accountAliasSchema, accountSchema)
    .refine((accounts) => Object.keys(accounts).length > 0, { error: "expected at least one account" }),
  defaultAccount: accountAliasSchema,
});

/** An SCP target: a root (`r-…`), an OU (`ou-…`) or a member account id. */
const scpTargetSchema = z.string().regex(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/, {
  error: "expected a root id (r-…), an OU id (ou-…-…) or a 12-digit account id",
});
/** Break-glass roles may name every account with `*`, as `aws:PrincipalArn` patterns do. */
const principalArnPatternSchema = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::(\d{12}|\*):role\/[\w+=,.@/*-]{1,512}$/, {
    error: "expected an IAM role ARN (the account may be *)",
  });

export const orgConfigSchema = z
  .strictObject({
    scope: z.literal("organization"),
    /** The payer (management) account and the role the org stack deploys with there. */
    payer: z.strictObject({
      accountId: accountIdSchema,
      roleArn: roleArnSchema,
      /** Read-only role a preview of the org stack assumes there (src/aws-profiles.ts). */
      previewRoleArn: roleArnSchema.optional(),
    }),
    /** Tag keys activated for cost allocation and required on every profile by the SCPs. */
    mandatoryTags: mandatoryTagsSchema,
    tenantsDir: z.string().min(1).default("tenants"),
    /** Environment name → its accounts: the environments whose tenants this stack watches. */
    environments: z
      .record(environmentNameSchema, governedEnvironmentSchema)
      .refine((environments) => Object.keys(environments).length > 0, {
        error: "expected at least one governed environment",
      }),
    /**
     * Activate the mandatory keys for cost allocation. AWS refuses a key that has not yet appeared
     * in billing data (terraform-provider-aws#29068): the first deploy of a new organisation sets
     * false, and true a day after the environment stacks have created their tagged profiles.
     */
    activateTags: z.boolean().default(true),
    /** Custom anomaly monitors for all governed environments together (AWS allows 500 per payer). */
    maxAnomalyMonitors: z.number().int().min(1).max(500).default(450),
    serviceControlPolicies: z
      .strictObject({
        /** false: this organisation manages its SCPs elsewhere; the stack creates none. */
        manage: z.boolean().default(true),
        /** Roots, OUs or member accounts the SCPs attach to. */
        targets: z.array(scpTargetSchema).default([]),
        /** Roles that may still change or remove the mandatory tags (and create untagged profiles), beside the deploy roles. */
        breakGlassRoleArns: z.array(principalArnPatternSchema).default([]),
        /** SCPs attached to each target outside this stack; `FullAWSAccess` counts (AWS allows 5 per target). */
        otherPoliciesPerTarget: z.number().int().min(0).max(5).default(1),
      })
      .default({ manage: true, targets: [], breakGlassRoleArns: [], otherPoliciesPerTarget: 1 }),
  })
  .superRefine((config, ctx) => {
    for (const [name, environment] of Object.entries(config.environments)) {
      if (!(environment.defaultAccount in environment.accounts)) {
        ctx.addIssue({
          code: "custom",
          path: ["environments", name, "defaultAccount"],
          input: environment.defaultAccount,
          message: `expected an alias of environments.${name}.accounts (${Object.keys(environment.accounts).join(", ")})`,
        });
      }
      for (const [alias, account] of Object.entries(environment.accounts)) {
        if (account.accountId === config.payer.accountId) {
          ctx.addIssue({
            code: "custom",
            path: ["environments", name, "accounts", alias, "accountId"],
            input: account.accountId,
            message:
              "is the payer (management) account: SCPs never apply to it, so Bedrock there is outside every guardrail; run tenants in member accounts",
          });
        }
      }
    }
    const scps = config.serviceControlPolicies;
    if (scps.manage && scps.targets.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["serviceControlPolicies", "targets"],
        input: scps.targets,
        message:
          "name the roots, OUs or accounts the SCPs attach to, or set serviceControlPolicies.manage: false",
      });
    }
    scps.targets.forEach((target, index) => {
      if (target === config.payer.accountId) {
        ctx.addIssue({
          code: "custom",
          path: ["serviceControlPolicies", "targets", index],
          input: target,
          message:
            "is the management account, which SCPs do not affect; attach them to the OUs or member accounts",
        });
      }
    });
  });

export type OrgConfig = z.infer<typeof orgConfigSchema>;
export type GovernedEnvironment = OrgConfig["environments"][string];

export type StackScope = "environment" | "organization";

/** Which schema a stack's flat config is read with: `scope: organization` selects the org stack. */
export function stackScopeOf(flatConfig: Readonly<Record<string, string>>): StackScope {
  return flatConfig[`${namespacePrefix}scope`] === "organization" ? "organization" : "environment";
}

export function validateOrgConfig(
  flatConfig: Readonly<Record<string, string>>,
  file: string,
): { config: OrgConfig } | { errors: InputError[] } {
  const parsed = orgConfigSchema.safeParse(namespacedConfig(flatConfig), { reportInput: true });
  return parsed.success ? { config: parsed.data } : { errors: namespacedErrors(file, parsed.error.issues) };
}

/** The org stack's JSON Schema, for editors (as `stackConfigJsonSchema` for environment stacks). */
export const orgConfigJsonSchema = () => z.toJSONSchema(orgConfigSchema, { io: "input" });
