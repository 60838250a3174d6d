import { z } from "zod";
import { findModel, modelSchema } from "./catalog";
import {
  environmentScopeBillingKeys,
  environmentScopeTopLevelKeys,
  refusePayerResources,
} from "./environment-scope";
import { projectName } from "./naming";
import { closest } from "./did-you-mean";
import { type InputError, keysAt, zodIssuesToErrors } from "./validation";
import { defaultMandatoryTags } from "./contracts";

/**
 * The stack configuration (`Pulumi.<stack>.yaml`, namespace `bedrock-cost-governance:`).
 * This schema is the single source of truth; `StackConfig` is inferred from it.
 */
export { defaultMandatoryTags } from "./contracts";

export const accountIdSchema = z
  .string({ error: (issue) => accountIdAsNumber(issue.input) })
  .regex(/^\d{12}$/, { error: "expected a 12-digit AWS account id (quoted in YAML)" });

/** An unquoted account id is a YAML number: say to quote it, and what YAML did to a leading zero. */
function accountIdAsNumber(input: unknown): string | undefined {
  if (typeof input !== "number") return undefined;
  const digits = String(input);
  if (Number.isInteger(input) && input >= 0 && digits.length < 12) {
    const padded = digits.padStart(12, "0");
    return `${digits} is a YAML number: YAML dropped the leading zero${digits.length < 11 ? "s" : ""}; quote the account id: "${padded}"`;
  }
  return `${digits} is a YAML number: quote the 12-digit account id ("${digits}")`;
}
export const roleArnSchema = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, { error: "expected an IAM role ARN" });
export const regionSchema = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: "expected an AWS Region such as us-east-1" });
export const accountAliasSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, {
  error: "expected a lowercase alias of [a-z0-9-], at most 32 characters",
});
export const environmentNameSchema = z.string().regex(/^[a-z][a-z0-9]{0,15}$/, {
  error: "expected a lowercase environment name of [a-z0-9], at most 16 characters",
});
const tagKeySchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9 ._:/=+@-]+$/, { error: "expected a tag key of [a-zA-Z0-9 ._:/=+@-]" })
  .refine((key) => !key.toLowerCase().startsWith("aws:"), { error: 'the "aws:" prefix is reserved by AWS' });

export const accountSchema = z.strictObject({
  /** The 12-digit id; the provider refuses to act in any other account. */
  accountId: accountIdSchema,
  /** Role the deploy identity assumes in that account. */
  roleArn: roleArnSchema,
  /** Read-only role a preview assumes there (src/aws-profiles.ts); required for a real preview. */
  previewRoleArn: roleArnSchema.optional(),
  /** Region of the account's resources; defaults to the stack's `region`. */
  region: regionSchema.optional(),
});

const modelPriceSchema = z.strictObject({
  inputPer1M: z.number().nonnegative(),
  outputPer1M: z.number().nonnegative(),
});

/** Shared by the environment and org stacks (src/org-config.ts). */
export const mandatoryTagsSchema = z
  .array(tagKeySchema)
  .min(1)
  .refine((keys) => keys.includes("tenant") && keys.includes("environment"), {
    error: 'must include "tenant" and "environment": budgets and anomaly monitors filter on them',
  })
  .default([...defaultMandatoryTags]);

export const stackConfigSchema = z
  .strictObject({
    /** Environment name written to the `environment` tag and every derived name. */
    environment: environmentNameSchema,
    /** Default Region for the tenant accounts (falls back to `aws:region`, then us-east-1). */
    region: regionSchema.default("us-east-1"),
    /**
     * Tag keys every profile must carry. `tenant` and `environment` must be among them: budgets and
     * anomaly monitors filter on them, and a key that is not activated for cost allocation is
     * invisible to both.
     */
    mandatoryTags: mandatoryTagsSchema,
    /** Account alias → account. Tenants name an alias; the stack maps it. */
    accounts: z
      .record(accountAliasSchema, accountSchema)
      .refine((accounts) => Object.keys(accounts).length > 0, {
        error: "expected at least one account",
      }),
    /** Alias used by tenants that name no account. */
    defaultAccount: accountAliasSchema,
    /**
     * The payer (management) account. An environment stack creates nothing there (the org stack,
     * `Pulumi.org.yaml`, owns cost allocation tags and anomaly monitors); it needs the id to let
     * Cost Anomaly Detection, which publishes as the payer, into each tenant's topic.
     */
    billing: z.strictObject({
      accountId: accountIdSchema,
      /** A read-only role in the payer account: what `npm run chargeback -- --assume-role` calls Cost Explorer as. */
      roleArn: roleArnSchema.optional(),
      ...environmentScopeBillingKeys,
    }),
    /**
     * Models the catalog lacks, with their prices and geos (as in src/data/bedrock-models.json), so
     * a new model never waits for a release of this repository.
     */
    models: z.array(modelSchema).default([]),
    /** Per-model prices replacing the catalog's list prices (enterprise discounts). */
    priceOverrides: z.record(z.string(), modelPriceSchema).default({}),
    /** Environments whose profiles get `protect: true` (a replaced profile gets a new ARN). */
    protectedEnvironments: z.array(environmentNameSchema).default(["prod"]),
    /** Directory of tenant files, relative to the project (the check's `--tenants` overrides it). */
    tenantsDir: z.string().min(1).default("tenants"),
    /**
     * Split switch: when set, this stack holds only the tenants of this account alias,
     * so one program and one policy pack serve a stack per account.
     */
    accountScope: accountAliasSchema.optional(),
    /**
     * Which value of the profile fills the CloudWatch `ModelId` dimension. Public samples use the
     * profile id; AWS documentation does not say it plainly, so it is a switch.
     */
    alarmDimension: z.enum(["profileId", "profileArn"]).default("profileId"),
    /** `environment` (the default); `organization` selects the org stack's own schema (src/org-config.ts). */
    scope: z.literal("environment").optional(),
    ...environmentScopeTopLevelKeys,
  })
  .superRefine((config, ctx) => {
    refusePayerResources(config, ctx);
    // Each issue names its offending value as `input`: left out, zod reports the whole config.
    const aliases = Object.keys(config.accounts).join(", ") || "none";
    if (!(config.defaultAccount in config.accounts)) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultAccount"],
        input: config.defaultAccount,
        message: `expected an alias of accounts (${aliases})`,
      });
    }
    if (config.accountScope !== undefined && !(config.accountScope in config.accounts)) {
      ctx.addIssue({
        code: "custom",
        path: ["accountScope"],
        input: config.accountScope,
        message: `expected an alias of accounts (${aliases})`,
      });
    }
    const stackModelIds = new Set(config.models.map((model) => model.id));
    config.models.forEach((model, index) => {
      if (config.models.findIndex((other) => other.id === model.id) !== index)
        ctx.addIssue({
          code: "custom",
          path: ["models", index, "id"],
          input: model.id,
          message: "each model may appear once",
        });
    });
    // `allowedAccountIds` pins each provider to its account: a role of another account fails at deploy.
    const roleAccount = (arn: string) => arn.split(":")[4];
    for (const [alias, account] of Object.entries(config.accounts)) {
      if (/^\d{12}$/.test(account.accountId) && roleAccount(account.roleArn) !== account.accountId)
        ctx.addIssue({
          code: "custom",
          path: ["accounts", alias, "roleArn"],
          input: account.roleArn,
          message: `expected a role in account ${account.accountId} (its accountId): the provider allows only that account`,
        });
    }
    if (
      config.billing.roleArn !== undefined &&
      roleAccount(config.billing.roleArn) !== config.billing.accountId
    )
      ctx.addIssue({
        code: "custom",
        path: ["billing", "roleArn"],
        input: config.billing.roleArn,
        message: `expected a role in account ${config.billing.accountId} (billing.accountId): the provider allows only that account`,
      });
    for (const modelId of Object.keys(config.priceOverrides)) {
      if (!findModel(modelId) && !stackModelIds.has(modelId)) {
        ctx.addIssue({
          code: "custom",
          path: ["priceOverrides", modelId],
          input: modelId,
          message:
            "not a model of the catalog: add it under bedrock-cost-governance:models (or to src/data/bedrock-models.json) first",
        });
      }
    }
  });

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type AccountConfig = StackConfig["accounts"][string];

export const namespacePrefix = `${projectName}:`;

export function validateStackConfig(
  flatConfig: Readonly<Record<string, string>>,
  file: string,
): { config: StackConfig } | { errors: InputError[] } {
  const raw = namespacedConfig(flatConfig);
  const keyErrors = Object.keys(flatConfig).flatMap((key): InputError[] => {
    const message = key.startsWith(namespacePrefix) ? undefined : namespaceProblem(key);
    return message ? [{ file, path: key, message }] : [];
  });
  if (raw.region === undefined && typeof flatConfig["aws:region"] === "string")
    raw.region = flatConfig["aws:region"];
  const parsed = stackConfigSchema.safeParse(raw, { reportInput: true });
  if (parsed.success && keyErrors.length === 0) return { config: parsed.data };
  return { errors: [...keyErrors, ...namespacedErrors(file, parsed.error?.issues ?? [], stackConfigSchema)] };
}

/** The project namespace's keys of a flat config map, prefix removed and values decoded. */
export function namespacedConfig(flatConfig: Readonly<Record<string, string>>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flatConfig)) {
    if (key.startsWith(namespacePrefix)) raw[key.slice(namespacePrefix.length)] = decodeConfigValue(value);
  }
  return raw;
}

/**
 * zod issues as input errors whose path is the key as written in the stack file
 * (`bedrock-cost-governance:…`). With the `schema` parsed, an unknown key of the namespace is
 * named as the full key, with a did-you-mean from the schema's keys.
 */
export function namespacedErrors(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  schema?: z.core.$ZodType,
): InputError[] {
  return issues.flatMap((issue): InputError[] =>
    schema && issue.code === "unrecognized_keys" && issue.path.length === 0
      ? issue.keys.map((key) => ({
          file,
          path: `${namespacePrefix}${key}`,
          message: `unknown key${suggestKey(closest(key, keysAt(schema, [])))}`,
        }))
      : zodIssuesToErrors(file, [issue], [], schema).map((error) => ({
          ...error,
          path: error.path ? `${namespacePrefix}${error.path}` : projectName,
        })),
  );
}

const suggestKey = (key: string | undefined) =>
  key === undefined ? "" : `; did you mean "${namespacePrefix}${key}"?`;

/**
 * Keys of other namespaces (`aws:region`, `pulumi:tags`, any provider's) belong to others; a key
 * with no namespace, or one a slip away from this project's, is a key of ours that the program
 * would never read.
 */
function namespaceProblem(key: string): string | undefined {
  const colon = key.indexOf(":");
  if (colon < 0) return `a key needs a namespace: write "${namespacePrefix}${key}"`;
  const namespace = key.slice(0, colon);
  if (closest(namespace, [projectName]) === undefined) return undefined;
  return `unknown namespace "${namespace}"; did you mean "${namespacePrefix}${key.slice(colon + 1)}"?`;
}

/** Structured config values arrive JSON-encoded; plain strings stay strings. */
function decodeConfigValue(value: string): unknown {
  const trimmed = value.trimStart();
  if (!(
    trimmed.startsWith("{") ||
    trimmed.startsWith("[") ||
    value === "true" ||
    value === "false" ||
    /^-?\d+(\.\d+)?$/.test(value)
  )) {
    return value;
  }
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
