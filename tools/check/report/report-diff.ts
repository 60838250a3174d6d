import { byText } from "./format";
import { round2 } from "../plan/summary";
import type {
  ComparableProfile,
  ComparableReport,
  ComparableTenant,
  ComparableViolation,
} from "./base-report";

/** A figure before and after the PR. */
export interface Delta {
  before: number;
  after: number;
}

/**
 * A profile whose name (the AWS name), description or model source changes is replaced, not updated:
 * terraform-provider-aws, which pulumi-aws bridges, marks `name`, `description` and `model_source`
 * `RequiresReplace` and updates tags only (internal/service/bedrock/inference_profile.go, commit
 * 0389eecfc28a5e2ac619651541a16d7fc289abf6). A replaced profile has a new ARN: applications that
 * hold the old one stop working until they resolve the new one.
 */
export const replacingFields = ["name", "description", "model"] as const;
export type ReplacingField = (typeof replacingFields)[number];

export interface ProfileChange {
  tenant: string;
  name: string;
  urn: string;
  change: "added" | "removed" | "replaced";
  /** For `replaced`: what changes, each with its value before and after. */
  replacedBy: Array<{ field: ReplacingField; before: string; after: string }>;
  /**
   * Removed or replaced while protected (`protect: true`, in the base or in this plan): `pulumi up`
   * refuses to delete a protected resource, so the update stops until someone unprotects it.
   */
  refused: boolean;
}

export interface TenantChange {
  name: string;
  change: "added" | "removed" | "changed";
  monthlyBudgetUsd: Delta;
  governanceUsdPerMonth: Delta;
  /** The tags after the PR (before it, for a removed tenant). */
  tags: Record<string, string>;
  /** Tag keys added, removed or changed (empty when the base report has no tags to compare). */
  changedTags: string[];
  onExceed?: { before?: string; after?: string };
  profiles: ProfileChange[];
}

export interface ReportDiff {
  baseStack: string;
  baseVerdict: string;
  /** Added first, then changed, then removed; by name within each. */
  tenants: TenantChange[];
  monthlyBudgetUsd: Delta;
  governanceUsdPerMonth: Delta;
  violations: {
    /** In this plan, not in the base: what the PR brings. */
    new: ComparableViolation[];
    /** In both (same policy, same resource). */
    alreadyPresent: number;
    /** In the base, not in this plan: what the PR fixes (or removes). */
    gone: ComparableViolation[];
  };
}

/** Nothing of what the diff compares changes. */
export const isUnchanged = (diff: ReportDiff): boolean =>
  diff.tenants.length === 0 && diff.violations.new.length === 0 && diff.violations.gone.length === 0;

/** What the PR changes: the base commit's report against this one's. */
export function diffReports(base: ComparableReport, head: ComparableReport): ReportDiff {
  const before = tenantsOf(base);
  const after = tenantsOf(head);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(byText);
  const tenants = names
    .map((name) => tenantChange(name, before.get(name), after.get(name)))
    .filter((change): change is TenantChange => change !== undefined);
  const rank = { added: 0, changed: 1, removed: 2 } as const;
  tenants.sort((a, b) => rank[a.change] - rank[b.change] || byText(a.name, b.name));
  return {
    baseStack: base.stack,
    baseVerdict: base.verdict,
    tenants,
    monthlyBudgetUsd: { before: base.summary.monthlyBudgetUsd, after: head.summary.monthlyBudgetUsd },
    governanceUsdPerMonth: {
      before: base.summary.governanceUsdPerMonth,
      after: head.summary.governanceUsdPerMonth,
    },
    violations: violationDiff(base.violations, head.violations),
  };
}

export const change = (delta: Delta): number => round2(delta.after - delta.before);

/** A tenant by name; one planned in several accounts (a mistake the policies report) merges. */
function tenantsOf(report: ComparableReport): Map<string, ComparableTenant> {
  const tenants = new Map<string, ComparableTenant>();
  for (const account of report.plan?.accounts ?? [])
    for (const tenant of account.tenants) {
      const known = tenants.get(tenant.name);
      tenants.set(
        tenant.name,
        known
          ? {
              ...known,
              profiles: [...known.profiles, ...tenant.profiles],
              governanceUsdPerMonth: known.governanceUsdPerMonth + tenant.governanceUsdPerMonth,
            }
          : tenant,
      );
    }
  return tenants;
}

function tenantChange(
  name: string,
  before: ComparableTenant | undefined,
  after: ComparableTenant | undefined,
): TenantChange | undefined {
  const profiles = profileChanges(name, before?.profiles ?? [], after?.profiles ?? []);
  const changedTags =
    before?.tags && after?.tags
      ? [...new Set([...Object.keys(before.tags), ...Object.keys(after.tags)])]
          .filter((key) => before.tags?.[key] !== after.tags?.[key])
          .sort(byText)
      : [];
  const monthlyBudgetUsd = { before: before?.budget?.monthlyUsd ?? 0, after: after?.budget?.monthlyUsd ?? 0 };
  const governanceUsdPerMonth = {
    before: before?.governanceUsdPerMonth ?? 0,
    after: after?.governanceUsdPerMonth ?? 0,
  };
  const onExceed =
    before?.budget?.onExceed !== after?.budget?.onExceed
      ? { before: before?.budget?.onExceed, after: after?.budget?.onExceed }
      : undefined;
  const kind = !before ? "added" : !after ? "removed" : "changed";
  // A guardrail cost that moves alone is not this tenant's change: an account's budgets share AWS's
  // free tier, so a tenant added beside it moves its share by cents (the stack's delta shows it).
  if (
    kind === "changed" &&
    profiles.length === 0 &&
    changedTags.length === 0 &&
    !onExceed &&
    change(monthlyBudgetUsd) === 0
  )
    return undefined;
  return {
    name,
    change: kind,
    monthlyBudgetUsd,
    governanceUsdPerMonth,
    tags: (after ?? before)?.tags ?? {},
    changedTags,
    ...(kind === "changed" && onExceed ? { onExceed } : {}),
    profiles,
  };
}

/** Profiles by URN: the program derives it from the tenant's and the profile's names, never from an index. */
function profileChanges(
  tenant: string,
  before: readonly ComparableProfile[],
  after: readonly ComparableProfile[],
): ProfileChange[] {
  const old = new Map(before.map((profile) => [profile.urn, profile]));
  const current = new Map(after.map((profile) => [profile.urn, profile]));
  const changes: ProfileChange[] = [];
  for (const profile of after) {
    const was = old.get(profile.urn);
    if (!was) {
      changes.push({
        tenant,
        name: profile.name,
        urn: profile.urn,
        change: "added",
        replacedBy: [],
        refused: false,
      });
      continue;
    }
    const replacedBy = replacingChanges(was, profile);
    if (replacedBy.length > 0)
      changes.push({
        tenant,
        name: profile.name,
        urn: profile.urn,
        change: "replaced",
        replacedBy,
        refused: was.protect || profile.protect,
      });
  }
  for (const profile of before)
    if (!current.has(profile.urn))
      changes.push({
        tenant,
        name: profile.name,
        urn: profile.urn,
        change: "removed",
        replacedBy: [],
        refused: profile.protect,
      });
  return changes;
}

const modelSource = (profile: ComparableProfile): string =>
  profile.crossRegion ? `${profile.model} via ${profile.crossRegion}` : profile.model;

function replacingChanges(before: ComparableProfile, after: ComparableProfile): ProfileChange["replacedBy"] {
  const pairs: Array<[ReplacingField, string | undefined, string | undefined]> = [
    ["name", before.awsName, after.awsName],
    // A base report written before descriptions were reported has none: not compared.
    ["description", before.description, before.description === undefined ? undefined : after.description],
    ["model", modelSource(before), modelSource(after)],
  ];
  return pairs
    .filter(([, was, now]) => was !== now)
    .map(([field, was, now]) => ({ field, before: was ?? "(none)", after: now ?? "(none)" }));
}

function violationDiff(
  before: readonly ComparableViolation[],
  after: readonly ComparableViolation[],
): ReportDiff["violations"] {
  // Same policy, same resource: the same finding, even if its message quotes a changed value.
  const key = (violation: ComparableViolation) => `${violation.policyName}\u0000${violation.urn ?? ""}`;
  const old = new Set(before.map(key));
  const current = new Set(after.map(key));
  return {
    new: after.filter((violation) => !old.has(key(violation))),
    alreadyPresent: after.filter((violation) => old.has(key(violation))).length,
    gone: before.filter((violation) => !current.has(key(violation))),
  };
}
