import { z } from "zod";
import { memberRule, stringRuleProblem } from "./aws-rules";
import { crossRegionGeos, findModel, knownModelIds, unknownModelMessage } from "./catalog";
import { accountAliasSchema, environmentNameSchema } from "./config";
import { closest } from "./did-you-mean";
import { resourceTypes } from "./resource-types";

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
      .max(10)
      .default([]),
    /** Extra SNS topics for alarms and anomalies (CloudWatch takes five actions per state; ours is one). */
    snsTopicArns: z.array(snsTopicArnSchema).max(4).optional(),
  })
  .refine((notify) => notify.emails.length + (notify.snsTopicArns?.length ?? 0) > 0, {
    error: "expected at least one email address or SNS topic ARN",
  });

const profileDescriptionRule = memberRule(resourceTypes.inferenceProfile, "description");

const profileNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, {
  error: "expected a lowercase name of [a-z0-9-], 1-32 characters, starting with a letter",
});

const profileSchema = z
  .strictObject({
    /** Short name, unique in the tenant; becomes the `profile` tag and part of the AWS name. */
    name: profileNameSchema,
    /** Bedrock model id from the catalog (src/data/bedrock-models.json). */
    model: z.string().refine((id) => findModel(id) !== undefined, {
      error: (issue) => unknownModelProblem(String(issue.input)),
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
    const model = findModel(profile.model);
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
function unknownModelProblem(id: string): string {
  const geo = crossRegionGeos.find((prefix) => id.startsWith(`${prefix}.`));
  const base = geo ? id.slice(geo.length + 1) : undefined;
  if (geo && base && findModel(base))
    return `"${id}" is a cross-Region profile id: use \`model: ${base}\` with \`crossRegion: ${geo}\``;
  const suggestion = closest(id, knownModelIds);
  return suggestion
    ? `"${id}" is not a model of the catalog (src/data/bedrock-models.json); did you mean "${suggestion}"?`
    : unknownModelMessage(id);
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

/** What an environment may change: anything but the tenant's name and profiles' identities. */
const environmentOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  account: accountAliasSchema.optional(),
  tags: tagsSchema.optional(),
  notify: notifySchema.optional(),
  budget: z.strictObject(budgetFields).partial().optional(),
  alarms: alarmsSchema.optional(),
  workloadRoles: z.array(iamRoleNameSchema).max(10).optional(),
});

export const tenantSchema = z
  .strictObject({
    /** Unique tenant name; becomes the `tenant` tag. */
    name: z
      .string()
      .min(2)
      .max(32)
      .regex(/^[a-z][a-z0-9-]*$/, { error: "expected lowercase [a-z][a-z0-9-]*" }),
    /** Account alias from the stack's `accounts`; the stack's `defaultAccount` when omitted. */
    account: accountAliasSchema.optional(),
    /** The tenant's cost tags (dept, team, app, cost-center, ...). */
    tags: tagsSchema,
    notify: notifySchema,
    profiles: z.array(profileSchema).min(1).max(20),
    budget: budgetSchema,
    alarms: alarmsSchema.optional(),
    /** IAM role names of the tenant's workloads: they get the invoke policy, and the deny policy on `onExceed: "deny"`. */
    workloadRoles: z.array(iamRoleNameSchema).max(10).optional(),
    /** Per-environment overrides, keyed by the stack's `environment`. */
    environments: z.record(environmentNameSchema, environmentOverrideSchema).optional(),
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
