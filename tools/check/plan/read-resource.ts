import { type PlannedResource, decodeProviderInput } from "./planned-resource";

/**
 * Reading one resource for the plan summary: which account it acts in, and what a profile, a
 * budget or an alarm says in the inputs the engine receives. Only the resources decide, so a stack
 * export of any program reads the same way.
 */

export interface AccountRef {
  /** Account alias where the provider's name tells it (`account-<alias>`), else the account id. */
  label: string;
  accountId: string;
  region: string;
}

export const unknownAccount: AccountRef = {
  label: "unknown account",
  accountId: "unknown",
  region: "unknown",
};

/** The account and Region a resource acts in: its provider's, else what its ARN says. */
export function accountOfResource(
  resource: PlannedResource,
  byUrn: ReadonlyMap<string, PlannedResource>,
): AccountRef {
  const providerUrn = resource.provider?.slice(0, resource.provider.lastIndexOf("::"));
  const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
  const arn = String(resource.outputs?.arn ?? "");
  const arnParts = arn.startsWith("arn:") ? arn.split(":") : [];
  const accountId =
    firstString(decodeProviderInput(provider?.inputs.allowedAccountIds)) ?? (arnParts[4] || undefined);
  const region =
    (typeof provider?.inputs.region === "string" ? provider.inputs.region : undefined) ??
    (arnParts[3] || undefined);
  if (!accountId) return { ...unknownAccount, region: region ?? unknownAccount.region };
  const alias = provider?.name.startsWith("account-") ? provider.name.slice("account-".length) : undefined;
  return { label: alias ? `${alias} (${accountId})` : accountId, accountId, region: region ?? "unknown" };
}

/** Tags in either shape: a map (aws) or a `{key, value}` list (aws-native). */
export function tagsOf(inputs: Record<string, unknown>): Record<string, string> {
  const tags = inputs.tags;
  if (Array.isArray(tags)) {
    return Object.fromEntries(
      tags
        .filter((tag): tag is { key: string; value: unknown } => typeof tag?.key === "string")
        .map((tag) => [tag.key, String(tag.value)]),
    );
  }
  if (tags && typeof tags === "object") {
    // A loop, not entries/filter/fromEntries: called for every profile and alarm of the stack.
    const result: Record<string, string> = {};
    for (const key in tags) {
      const value = (tags as Record<string, unknown>)[key];
      if (typeof value === "string") result[key] = value;
    }
    return result;
  }
  return {};
}

/**
 * The tenant a budget filters on: its `filterExpression`'s `tenant` tag (what the program writes),
 * a legacy `TagKeyValue` `user:tenant$<name>` cost filter, else its `tenant` tag.
 */
export function budgetTenant(inputs: Record<string, unknown>): string | undefined {
  const fromExpression = expressionTenant(inputs.filterExpression);
  if (fromExpression) return fromExpression;
  const filters = Array.isArray(inputs.costFilters)
    ? (inputs.costFilters as Array<Record<string, unknown>>)
    : [];
  for (const filter of filters) {
    if (filter.name !== "TagKeyValue" || !Array.isArray(filter.values)) continue;
    for (const value of filter.values) {
      const match = /^user:tenant\$(.+)$/.exec(String(value));
      if (match) return match[1];
    }
  }
  return tagsOf(inputs).tenant;
}

/**
 * The single `tenant` value an expression's `tags` selects: alone, in an `ands`, or in an `ors` of
 * the key's spellings (`tenant`, `user:tenant`: src/components/tenant/budget.ts).
 */
function expressionTenant(expression: unknown): string | undefined {
  if (!expression || typeof expression !== "object") return undefined;
  const { tags, ands, ors } = expression as {
    tags?: { key?: unknown; values?: unknown };
    ands?: unknown;
    ors?: unknown;
  };
  if (
    (tags?.key === "tenant" || tags?.key === "user:tenant") &&
    Array.isArray(tags.values) &&
    tags.values.length === 1
  )
    return String(tags.values[0]);
  const operands = [...(Array.isArray(ands) ? ands : []), ...(Array.isArray(ors) ? ors : [])];
  return operands.map(expressionTenant).find((tenant) => tenant !== undefined);
}

/** The model a profile copies: its `model` tag, else what its `copyFrom` ARN names. */
export function profileModel(inputs: Record<string, unknown>): { model: string; crossRegion?: string } {
  const copyFrom = String(
    (inputs.modelSource as { copyFrom?: unknown } | undefined)?.copyFrom ?? inputs.modelSource ?? "",
  );
  const systemProfile = /:inference-profile\/([a-z]+)\.(.+)$/.exec(copyFrom);
  return {
    model: tagsOf(inputs).model ?? systemProfile?.[2] ?? copyFrom.split("/").pop() ?? "",
    crossRegion: systemProfile?.[1],
  };
}

/** Budget notification thresholds of one type (`ACTUAL`, `FORECASTED`), ascending. */
export function notificationThresholds(inputs: Record<string, unknown>, type: string): number[] {
  const notifications = Array.isArray(inputs.notifications)
    ? (inputs.notifications as Array<Record<string, unknown>>)
    : [];
  return notifications
    .filter((notification) => notification.notificationType === type)
    .map((notification) => Number(notification.threshold))
    .sort((a, b) => a - b);
}

function firstString(value: unknown): string | undefined {
  return Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}
