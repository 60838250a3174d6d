import { z } from "zod";
import { memberRule, stringRuleProblem } from "./aws-rules";
import { type ModelCatalog, baseCatalog, crossRegionGeos, knownModelIds } from "./catalog";
import { accountAliasSchema, environmentNameSchema } from "./config";
import { closest } from "./did-you-mean";
import { inferenceProfile } from "./aws-types/inference-profile";
import { awsQuotas } from "./aws-quotas";

/**
 * The tenant file contract: `tenants/<name>.ts` default-exports one of these.
 * The schema is the single source of truth; `TenantDefinition` is inferred from it.
 */

/** Tags the program sets itself: a tenant may not define them. */
export const programTagKeys = ["tenant", "environment", "profile", "model"] as const;

const tagKeySchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9 ._:/=+@-]+$/, { error: "a tag key may only contain [a-zA-Z0-9 ._:/=+@-]" })
  .refine((key) => !key.toLowerCase().startsWith("aws:"), { error: 'the "aws:" prefix is reserved by AWS' })
  .refine((key) => !(programTagKeys as readonly string[]).includes(key), {
    error: `the program sets "tenant", "environment", "profile" and "model": they may not be redefined`,
  });
const tagValueSchema = z
  .string()
  .max(256)
  .regex(/^[a-zA-Z0-9 ._:/=+@-]*$/, {
    error: "a tag value may only contain [a-zA-Z0-9 ._:/=+@-], at most 256",
  });
const tagsSchema = z.record(tagKeySchema, tagValueSchema);

const snsTopicArnSchema = z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, {
  error: "expected an SNS topic ARN",
});

const notifySchema = z
  .strictObject({
    /** Who hears about budgets, anomalies and alarms. AWS Budgets takes at most 10 addresses per notification. */
    emails: z
      .array(z.email({ error: "expected an email address" }))
      .max(awsQuotas.budgetEmailSubscribersPerNotification)
      .default([]),
    /** Extra SNS topics for alarms and anomalies (CloudWatch takes five actions per state; ours is one). */
    snsTopicArns: z.array(snsTopicArnSchema).max(4).optional(),
  })
  .refine((notify) => notify.emails.length + (notify.snsTopicArns?.length ?? 0) > 0, {
    error: "expected at least one email address or SNS topic ARN",
  });

const profileDescriptionRule = memberRule(inferenceProfile.type, "description");

const profileNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, {
  error: "expected a lowercase name of [a-z0-9-], 1-32 characters, starting with a letter",
});

/** A tenant profile, its model from `catalog`. */
const profileSchemaFor = (catalog: ModelCatalog) =>
  z
    .strictObject({
      /** Short name, unique in the tenant; becomes the `profile` tag and part of the AWS name. */
      name: profileNameSchema,
      /** Bedrock model id from the catalog (src/data/bedrock-models.json). */
      model: z.string().refine((id) => catalog.find(id) !== undefined, {
        error: (issue) => unknownModelProblem(String(issue.input), catalog),
      }),
      /** Copy the system-defined cross-Region profile `<geo>.<model>` instead of the single-Region model (required for `profileOnly` models). */
      crossRegion: z.enum(crossRegionGeos).optional(),
      /** Profile description: what Bedrock's CreateInferenceProfile accepts; changing it replaces the profile. */
      description: z
        .string()
        .refine((description) => stringRuleProblem(profileDescriptionRule, description) === undefined, {
          error: `Bedrock CreateInferenceProfile would reject it: ${profileDescriptionRule.min}-${profileDescriptionRule.max} characters of [0-9a-zA-Z:.] with single " ", "_" or "-" between them (${profileDescriptionRule.pattern})`,
        })
        .optional(),
    })
    .superRefine((profile, ctx) => {
      const model = catalog.find(profile.model);
      if (model && profile.crossRegion && !model.crossRegion.includes(profile.crossRegion)) {
        // `input` names the offending value: left out, zod reports the whole profile.
        ctx.addIssue({
          code: "custom",
          path: ["crossRegion"],
          input: profile.crossRegion,
          message: `the catalog has no cross-Region profile in this geo for ${profile.model}; available: ${
            model.crossRegion.length ? model.crossRegion.join(", ") : "none (use a single-Region profile)"
          }`,
        });
      }
      if (model?.profileOnly && !profile.crossRegion) {
        ctx.addIssue({
          code: "custom",
          path: ["crossRegion"],
          input: profile.crossRegion,
          message: `Bedrock serves ${profile.model} only through inference profiles, not as a single-Region on-demand model: set crossRegion to one of ${model.crossRegion.join(", ") || "(none in the catalog)"}`,
        });
      }
    });

/**
 * Why a model id is not in the catalog, with the likely fix: a system-defined cross-Region
 * profile id (`us.<model>`) is written as the model plus `crossRegion`, and a near miss
 * (`amazon.nova-lite-v1` for `amazon.nova-lite-v1:0`) is named; anything else gets the catalog's
 * own answer (the nearest ids, and how to add a model).
 */
function unknownModelProblem(id: string, catalog: ModelCatalog): string {
  const geo = crossRegionGeos.find((prefix) => id.startsWith(`${prefix}.`));
  const base = geo ? id.slice(geo.length + 1) : undefined;
  if (geo && base && catalog.find(base))
    return `"${id}" is a cross-Region profile id: use \`model: ${base}\` with \`crossRegion: ${geo}\``;
  const suggestion = closest(id, knownModelIds);
  return suggestion
    ? `"${id}" is not a model of the catalog (src/data/bedrock-models.json); did you mean "${suggestion}"?`
    : catalog.unknownModelMessage(id);
}

const percentSchema = z.number().min(1).max(1000);

const budgetFields = {
  /** Monthly limit in USD (positive). */
  monthlyUsd: z
    .number({ error: "expected a number greater than 0" })
    .positive({ error: "expected a number greater than 0" })
    // AWS Budgets takes the limit as a decimal string (`([0-9]*\.)?[0-9]+`): cents at least, and no
    // amount so large that it only has an exponent form.
    .refine((usd) => usd <= 0 || usd >= 0.01, { error: "expected at least 0.01 (USD, in cents)" })
    .max(1e12, { error: "expected at most 1,000,000,000,000 (USD)" }),
  /** ACTUAL-spend alert thresholds, percent of the limit, each once. */
  alertAtPercent: z
    .array(percentSchema)
    .min(1)
    .max(9)
    .refine((percents) => new Set(percents).size === percents.length, {
      error: "each threshold may appear once",
    }),
  /** FORECASTED-spend alert threshold, percent of the limit. */
  forecastAtPercent: percentSchema,
  /** `deny` attaches a Bedrock deny policy to `workloadRoles` through a Budgets action at 100% actual spend. */
  onExceed: z.enum(["notify", "deny"]),
};
const budgetSchema = z.strictObject({
  ...budgetFields,
  alertAtPercent: budgetFields.alertAtPercent.default([50, 80, 100]),
  forecastAtPercent: budgetFields.forecastAtPercent.default(100),
  onExceed: budgetFields.onExceed.default("notify"),
});

const alarmFields = {
  /** Invocations per minute, per profile; default: ten times the even rate the budget buys. */
  maxInvocationsPerMinute: z.number().positive().optional(),
  /** Estimated USD per day, per profile, from token counts × catalog price; default: twice monthlyUsd/30. */
  maxEstimatedUsdPerDay: z.number().positive().optional(),
  /** Throttled invocations per 5 minutes, per profile; default 10. */
  maxThrottlesPer5Minutes: z.number().int().min(0).optional(),
};
const alarmsSchema = z.strictObject(alarmFields);

const iamRoleNameSchema = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, { error: "expected an IAM role name (not an ARN)" });

/**
 * The tenant's fields but its name and profiles, in two parts around `profiles` (the schema lists
 * them in this order): each is also what an environment may override (`environmentOverrideSchema`),
 * and `tenantsForStack` passes each on to the stack's tenant, the override replacing the file's
 * value unless it resolves the field itself (tags and budget merged, alarms per profile, the account).
 * Spread, never picked one by one: the spread keeps each field's doc comment for editors.
 */
const fieldsBeforeProfiles = {
  /** Account alias from the stack's `accounts`; the stack's `defaultAccount` when omitted. */
  account: accountAliasSchema
    .optional()
    .describe("optional account alias; the stack maps aliases to account ids and deploy roles"),
  /** The tenant's cost tags (dept, team, app, cost-center, ...). */
  tags: tagsSchema.describe(
    "the tenant's cost tags; with the automatic `tenant` and `environment` they must cover the stack's `mandatoryTags` (default `tenant, environment, dept, team, app, cost-center`), none blank. AWS rules: key 1-128, value 0-256 characters of `[a-zA-Z0-9 ._:/=+@-]`, no `aws:` prefix, at most 50 tags with the program's own; `tenant`, `environment`, `profile`, `model` are set by the program",
  ),
  notify: notifySchema.describe(
    "`{ emails?, snsTopicArns? }`, at least one; emails at most 10 (AWS Budgets' limit per notification), topics at most 4 (CloudWatch's five actions per state, one being the tenant's topic), each in the tenant's Region and partition (CloudWatch publishes only there)",
  ),
};
const fieldsAfterProfiles = {
  budget: budgetSchema.describe(
    '`{ monthlyUsd > 0, alertAtPercent? (default [50, 80, 100], each 1-1000, unique), forecastAtPercent? (default 100), onExceed?: "notify" | "deny" }`',
  ),
  alarms: alarmsSchema
    .optional()
    .describe(
      "optional `{ maxInvocationsPerMinute?, maxEstimatedUsdPerDay?, maxThrottlesPer5Minutes? }`; defaults per profile: ten times the even rate the budget buys (2,000 input + 500 output tokens a call, at least 10), twice monthlyUsd/30, and 10",
    ),
  /** IAM role names of the tenant's workloads: they get the invoke policy, and the deny policy on `onExceed: "deny"`. */
  workloadRoles: z
    .array(iamRoleNameSchema)
    .max(10)
    .optional()
    .describe(
      "at most 10 IAM role names of the tenant's workloads: the invoke policy is attached to them (it also lets them find their own profile ARNs: `ssm:GetParametersByPath` on `/bedrock-cost-governance/<environment>/<tenant>` only, [resolver/README.md](../resolver/README.md#parameterstoresource-client-path-root--ssm-parameter-store)); required by `onExceed: \"deny\"`, whose budget action attaches a Bedrock deny policy to them at 100% of actual spend ([what it does and undoes](operations.md#budget-actions-what-onexceed-deny-does-and-undoes)). A role belongs to one tenant in one environment: a role listed twice, named by two tenants of a stack, or by two environments that share an account (the `org` stack's check compares them) is refused, naming both files. Each role keeps room for the program's one or two managed policies within IAM's 10 per role (default quota): a role that already holds 9 has its deny attachment fail exactly at 100%",
    ),
};

const overridableFields = { ...fieldsBeforeProfiles, ...fieldsAfterProfiles };

/** What an environment may change: anything but the tenant's name and profiles' identities. */
const environmentOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  ...z.strictObject(overridableFields).partial().shape,
  // Merged field by field into the file's budget: no field is required, none defaults.
  budget: z.strictObject(budgetFields).partial().optional(),
});

/** The fields an environment may set, as `environments.<env>.<field>` (docs/tenants.md's table names them). */
const overridableNames = Object.keys(environmentOverrideSchema.shape)
  .map((field) => `\`${field}\``)
  .join(", ");

/** The tenant file contract of a stack whose models are `catalog`'s. */
function buildTenantSchema(catalog: ModelCatalog) {
  return z
    .strictObject({
      /** Unique tenant name; becomes the `tenant` tag. */
      name: z
        .string()
        .min(2)
        .max(32)
        .regex(/^[a-z][a-z0-9-]*$/, { error: "expected lowercase [a-z][a-z0-9-]*" })
        .describe("`[a-z][a-z0-9-]*`, 2-32 characters, unique across files; becomes the `tenant` tag"),
      ...fieldsBeforeProfiles,
      profiles: z
        .array(profileSchemaFor(catalog))
        .min(1)
        .max(20)
        .describe(
          "1-20 of `{ name, model, crossRegion?, description? }`; `name` lowercase and unique in the tenant; `model` from the catalog or the stack's `models` (an unknown one gets the nearest ids and how to add it); `crossRegion` (`us`, `eu`, `apac`, `global`) copies the system-defined profile `<geo>.<model>` and is refused where the catalog says that geo does not serve the model or the geo is not offered in the account's Region (`us` from an eu account, `eu` from us-east-1); required for models Bedrock serves only through inference profiles (`profileOnly` in the catalog: Claude 3.7 and 4.x, Nova 2, Llama 4, ...), and the message names the geos; `description` 1-200 characters of Bedrock's `([0-9a-zA-Z:.][ _-]?)+`; the AWS name `<tenant>-<profile>-<environment>` must fit 1-64 characters of `([0-9a-zA-Z][ _-]?)+`",
        ),
      ...fieldsAfterProfiles,
      /** Per-environment overrides, keyed by the stack's `environment`. */
      environments: z
        .record(environmentNameSchema, environmentOverrideSchema)
        .optional()
        .describe(
          `per-stack overrides keyed by the stack's \`environment\`: ${overridableNames}; \`tags\` merged, \`budget\` merged field by field, \`alarms\` threshold by threshold, any other field replaced`,
        ),
    })
    .superRefine((tenant, ctx) => {
      const seen = new Set<string>();
      tenant.profiles.forEach((profile, index) => {
        if (seen.has(profile.name)) {
          ctx.addIssue({
            code: "custom",
            path: ["profiles", index, "name"],
            input: profile.name,
            message: "duplicate profile name: each name may appear once in a tenant",
          });
        }
        seen.add(profile.name);
      });
    });
}

/** The tenant file contract with the base catalog's models (a stack's own: `tenantSchemaFor`). */
export const tenantSchema = buildTenantSchema(baseCatalog);
const schemas = new WeakMap<ModelCatalog, typeof tenantSchema>([[baseCatalog, tenantSchema]]);

/** The tenant file contract of a stack whose models are `catalog`'s, built once per catalog. */
export function tenantSchemaFor(catalog: ModelCatalog): typeof tenantSchema {
  let schema = schemas.get(catalog);
  if (!schema) schemas.set(catalog, (schema = buildTenantSchema(catalog)));
  return schema;
}

/** What a tenant file exports (input: defaults may be left out). */
export type TenantInput = z.input<typeof tenantSchema>;
/** A validated tenant, defaults applied. */
export type TenantDefinition = z.infer<typeof tenantSchema>;
export type TenantProfile = TenantDefinition["profiles"][number];
export type TenantBudget = TenantDefinition["budget"];
export type TenantAlarms = z.infer<typeof alarmsSchema>;
export type EnvironmentOverride = z.infer<typeof environmentOverrideSchema>;

/** Identity helper for type checking and editor completion in tenant files. */
export function defineTenant<const T extends TenantInput>(tenant: T): T {
  return tenant;
}
