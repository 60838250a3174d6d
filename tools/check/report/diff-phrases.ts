import { count, usd } from "./format";
import { tagsText } from "./phrases";
import { type Delta, type ProfileChange, type ReportDiff, type TenantChange, change } from "./report-diff";

/** Sentences of the diff that the text and the markdown report share. */

/** `+$2,500.00`, `-$300.00`, `±$0.00`. */
export const signedUsd = (value: number): string =>
  value > 0 ? `+${usd(value)}` : value < 0 ? usd(value) : `±${usd(0)}`;

/** `$7,700.00 → $10,200.00`. */
export const fromToText = (delta: Delta): string => `${usd(delta.before)} → ${usd(delta.after)}`;

/** `$7,700.00 → $10,200.00 (+$2,500.00)`. */
export const deltaText = (delta: Delta): string => `${fromToText(delta)} (${signedUsd(change(delta))})`;

/** `1 tenant added, 2 changed, 0 removed`. */
export function tenantCountsText(diff: ReportDiff): string {
  const of = (kind: TenantChange["change"]) => diff.tenants.filter((tenant) => tenant.change === kind).length;
  return `${count(of("added"), "tenant")} added, ${of("changed")} changed, ${of("removed")} removed`;
}

/** `monthly budget $7,700.00 → $10,200.00 (+$2,500.00), guardrails $3.05 → $3.45/month (+$0.40)`. */
export const stackDeltaText = (diff: ReportDiff): string =>
  `monthly budget ${deltaText(diff.monthlyBudgetUsd)}, guardrails ${deltaText(diff.governanceUsdPerMonth)} a month`;

/** `1 new violation (3 already present, 1 gone)`. */
export const violationDeltaText = (diff: ReportDiff): string =>
  `${count(diff.violations.new.length, "new violation")} (${diff.violations.alreadyPresent} already present, ${diff.violations.gone.length} gone)`;

/** The one line that says what the PR changes, or that it changes nothing the check compares. */
export function diffHeadline(diff: ReportDiff): string {
  if (diff.tenants.length === 0 && diff.violations.new.length === 0 && diff.violations.gone.length === 0)
    return `No change against the base commit's report: same tenants, profiles, budgets and violations (${diff.violations.alreadyPresent} already present).`;
  return `${tenantCountsText(diff)}; ${stackDeltaText(diff)}; ${violationDeltaText(diff)}.`;
}

/** The base judged nothing (bad input, or no such stack there): everything shows as added. */
export const baseCaveat = (diff: ReportDiff): string | undefined =>
  diff.baseVerdict === "invalid-input"
    ? "The base commit's check stopped on invalid input: it planned nothing, so every tenant shows as added."
    : undefined;

/** `+ chat`, `- batch`, `↻ assistant (model)`. */
export const profileMarks = (tenant: TenantChange): string =>
  tenant.profiles
    .map((profile) =>
      profile.change === "added"
        ? `+ ${profile.name}`
        : profile.change === "removed"
          ? `− ${profile.name}`
          : `↻ ${profile.name} (${profile.replacedBy.map((item) => item.field).join(", ")})`,
    )
    .join(", ");

/** The tenant's tags, those that change marked with `*`. */
export const changedTagsText = (tenant: TenantChange): string => tagsText(tenant.tags, tenant.changedTags);

/** What changes of a tenant besides its profiles: budget, guardrail cost, budget action. */
export function tenantDeltaText(tenant: TenantChange): string {
  const parts = [`budget ${deltaText(tenant.monthlyBudgetUsd)}`];
  if (change(tenant.governanceUsdPerMonth) !== 0)
    parts.push(`guardrails ${signedUsd(change(tenant.governanceUsdPerMonth))}/month`);
  if (tenant.onExceed)
    parts.push(`on exceed ${tenant.onExceed.before ?? "none"} → ${tenant.onExceed.after ?? "none"}`);
  return parts.join("; ");
}

/** Profiles the update replaces or deletes, with what a reviewer must know of each. */
export const destructiveChanges = (diff: ReportDiff): ProfileChange[] =>
  diff.tenants.flatMap((tenant) => tenant.profiles.filter((profile) => profile.change !== "added"));

export function destructiveText(profile: ProfileChange): string {
  const what =
    profile.change === "removed"
      ? `profile ${profile.tenant}/${profile.name} is deleted`
      : `profile ${profile.tenant}/${profile.name} is replaced (${profile.replacedBy
          .map((item) => `${item.field} "${item.before}" → "${item.after}"`)
          .join(
            "; ",
          )}): it gets a new ARN, and applications that hold the old one fail until they resolve the new one`;
  return profile.refused
    ? `${what}. It is protected: \`pulumi up\` will refuse to ${profile.change === "removed" ? "delete" : "replace"} it until it is unprotected on purpose`
    : what;
}
