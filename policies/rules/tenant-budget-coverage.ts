import { defineStackPolicy } from "../lib/define-policy";
import { setting } from "../lib/config";
import { type BudgetView, isSubscribed } from "../lib/budget-view";
import { readBudget } from "../lib/budgets";
import type { StackResource } from "../lib/policy";
import { budgetTypes, isProfileType, profileTypes } from "../lib/resource-types";
import { type EffectiveTags, effectiveTags, knownTag } from "../lib/tags";

import { accountOf, regionOf } from "../lib/placement";
import { enumerate } from "../lib/text";
import { UNKNOWN } from "../lib/values";

export const tenantBudgetCoverage = defineStackPolicy({
  name: "tenant-budget-coverage",
  description:
    "Checks that every tenant found in the tags of application inference profiles has a COST budget filtered on its tag (TagKeyValue user:tenant$<tenant>, or filterExpression tags at the top or in ands) with a subscribed notification, that can see Bedrock spend (no Service filter or expression leaving Amazon Bedrock out) and has not ended.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Add an aws.budgets.Budget with budgetType "COST", filterExpression {tags: {key: "tenant", values: ["<tenant>"]}} (or costFilters [{name: "TagKeyValue", values: ["user:tenant$<tenant>"]}]), no Service filter that leaves out Amazon Bedrock, no ended time period, and a notification with an email or SNS subscriber, for each tenant. The tag must also be activated for cost allocation in the payer account.',
  settings: {
    /** The tag key that names a profile's tenant (cost filter `user:<key>$<value>`). Defaults to tenant. */
    tenantTagKey: setting.tagKey("tenant"),
  },
  resourceTypes: [...profileTypes, ...budgetTypes],
  validate(resources, _args, reportViolation, config) {
    const { tenantTagKey } = config;
    const profilesByTenant = new Map<string, StackResource[]>();
    for (const profile of resources.filter((resource) => isProfileType(resource.type))) {
      const tenant = knownTag(effectiveTags(profile.props, profile.provider), tenantTagKey);
      if (typeof tenant === "string")
        profilesByTenant.set(tenant, [...(profilesByTenant.get(tenant) ?? []), profile]);
    }
    if (profilesByTenant.size === 0) return;

    const covered = new Set<string>();
    const prefix = `user:${tenantTagKey}$`;
    const foldedPrefix = prefix.toLowerCase();
    const tenantsByFolded = new Map<string, string[]>();
    for (const tenant of profilesByTenant.keys())
      tenantsByFolded.set(tenant.toLowerCase(), [
        ...(tenantsByFolded.get(tenant.toLowerCase()) ?? []),
        tenant,
      ]);
    const tagsByProfile = new Map<StackResource, EffectiveTags>();
    const tagsOf = (profile: StackResource): EffectiveTags => {
      let tags = tagsByProfile.get(profile);
      if (!tags) tagsByProfile.set(profile, (tags = effectiveTags(profile.props, profile.provider)));
      return tags;
    };
    let someFilterUnknown = false;
    const profileUrns = new Map<string, string>(
      [...profilesByTenant].flatMap(([tenant, profiles]) =>
        profiles.map((profile): [string, string] => [profile.urn, tenant]),
      ),
    );
    for (const budgetResource of resources.filter((resource) => budgetTypes.includes(resource.type))) {
      const budget = readBudget(budgetResource.type, budgetResource.props);
      if (budget.budgetType !== "COST" && budget.budgetType !== UNKNOWN) continue;
      if (budget.notifications !== UNKNOWN && !budget.notifications.some(isSubscribed)) continue;
      if (budget.blind) continue; // filtered away from Bedrock, over or not started: it cannot see the tenant's Bedrock spend
      const named = new Set<string>();
      for (const value of budget.tagKeyValues.known)
        if (value.startsWith(prefix)) named.add(value.slice(prefix.length));
      for (const value of budget.tagKeyValues.folded)
        if (value.startsWith(foldedPrefix))
          for (const tenant of tenantsByFolded.get(value.slice(foldedPrefix.length)) ?? []) named.add(tenant);
      for (const tenant of named) {
        // Another tag ANDed in (environment=prod in the dev stack), another account or Region narrows
        // the budget: it sees the tenant's spend only if one of its profiles is admitted.
        const profiles = profilesByTenant.get(tenant);
        const admitted = (profile: StackResource) =>
          admits(budget.andedTags, tagsOf(profile), tenantTagKey) && placed(budget.placement, profile);
        if (profiles?.some(admitted)) covered.add(tenant);
      }
      if (budget.tagKeyValues.unknown) {
        // Not known until apply: the budget covers the tenants of profiles its filters came from, and possibly any.
        const linked = [...budgetResource.propertyDependencies.values()].flatMap((urns) =>
          [...urns].map((urn) => profileUrns.get(urn)),
        );
        for (const tenant of linked) if (tenant !== undefined) covered.add(tenant);
        if (linked.every((tenant) => tenant === undefined)) someFilterUnknown = true;
      }
    }
    if (someFilterUnknown) return; // a budget whose filter is not known yet may cover any tenant: not guessed

    for (const [tenant, profiles] of profilesByTenant) {
      if (covered.has(tenant)) continue;
      reportViolation(
        `Tenant "${tenant}" (profiles ${enumerate(
          profiles.map((profile) => profile.name),
          3,
        )}) has no COST budget filtered on TagKeyValue "user:${tenantTagKey}$${tenant}" with a subscribed notification: add one so its Bedrock spend alerts someone.`,
        profiles[0].urn,
      );
    }
  },
});

/** Whether the profile's tags satisfy every ANDed tag condition other than the tenant's (unknown tags are given the benefit). */
function admits(conditions: BudgetView["andedTags"], tags: EffectiveTags, tenantTagKey: string): boolean {
  return conditions
    .filter((condition) => condition.key !== tenantTagKey)
    .every((condition) => {
      const value = knownTag(tags, condition.key);
      if (value === UNKNOWN) return true;
      if (typeof value !== "string") return false;
      return condition.caseInsensitive
        ? condition.values.some((admitted) => admitted.toLowerCase() === value.toLowerCase())
        : condition.values.includes(value);
    });
}

/** Whether the budget's account and Region conditions admit the profile (where it lives not known yet: given the benefit). */
function placed(placement: BudgetView["placement"], profile: StackResource): boolean {
  const account = accountOf(profile);
  const region = regionOf(profile);
  return (
    (placement.accounts === undefined || account === undefined || placement.accounts.includes(account)) &&
    (placement.regions === undefined || region === undefined || placement.regions.includes(region))
  );
}
