/**
 * What spend a budget's filters admit: the tag values of `TagKeyValue` cost filters and of filter
 * expressions, the tag conditions an expression ANDs, and the accounts and Regions it narrows to.
 */
import type { BudgetView, TagKeyValues } from "./budget-view";
import { UNKNOWN, at, isUnknown, list, strings, text } from "./values";

export function addValues(target: TagKeyValues, value: unknown): void {
  const values = strings(value);
  if (values === UNKNOWN) target.unknown = true;
  for (const entry of values === UNKNOWN ? [] : (values ?? [])) {
    if (entry === UNKNOWN) target.unknown = true;
    else target.known.add(entry);
  }
}

/**
 * The newer filter expression: `{tags: {key, values}}` at the top, inside `ands` (which only
 * narrows) or inside an `ors` there (each operand's spend is counted, so each operand's tag is
 * seen). No AWS source settles whether the key is `tenant` or `user:tenant`, so the program writes
 * an `ors` of both (src/components/tenant/budget.ts); either spelling is recorded as
 * `user:<key>$<value>` to compare with `TagKeyValue` filters.
 */
export function addFilterExpressionTags(target: TagKeyValues, expression: unknown): void {
  if (expression === undefined) return;
  if (isUnknown(expression)) {
    target.unknown = true;
    return;
  }
  const ands = list(at(expression, "ands"));
  const narrowed = [expression, ...(ands === UNKNOWN || ands === undefined ? [] : ands)];
  const candidates = narrowed.flatMap((operand) => {
    const ors = list(at(operand, "ors"));
    if (ors === UNKNOWN) target.unknown = true;
    return [operand, ...(ors === UNKNOWN || ors === undefined ? [] : ors)];
  });
  for (const candidate of candidates) {
    const key = text(at(candidate, "tags", "key"));
    const values = strings(at(candidate, "tags", "values"));
    if (key === UNKNOWN || values === UNKNOWN) {
      target.unknown = true;
      continue;
    }
    if (typeof key !== "string" || values === undefined) continue;
    const tagKey = key.startsWith("user:") ? key : `user:${key}`;
    const folded = caseInsensitive(candidate);
    for (const value of values) {
      if (value === UNKNOWN) target.unknown = true;
      else target.known.add(`${tagKey}$${value}`);
      if (folded && value !== UNKNOWN) target.folded.add(`${tagKey}$${value}`.toLowerCase());
    }
  }
}

const caseInsensitive = (candidate: unknown): boolean => {
  const options = strings(at(candidate, "tags", "matchOptions"));
  return Array.isArray(options) && options.includes("CASE_INSENSITIVE");
};

/**
 * The known tag conditions an expression ANDs: itself or each of its `ands`, where an operand is a
 * `tags` condition, or an `ors` whose every operand is a `tags` condition on one key in either
 * spelling (`environment`, `user:environment`: what the program writes), read as one condition on
 * the union of their values. Any other `ors` or a `not` is not read as narrowing.
 */
export function andedTags(expression: unknown): BudgetView["andedTags"] {
  if (expression === undefined || isUnknown(expression)) return [];
  const ands = list(at(expression, "ands"));
  const found: BudgetView["andedTags"] = [];
  for (const operand of [expression, ...(ands === UNKNOWN || ands === undefined ? [] : ands)]) {
    const ors = list(at(operand, "ors"));
    const conditions = (Array.isArray(ors) ? ors : [operand]).map(tagCondition);
    if (conditions.length === 0 || conditions.some((condition) => condition === undefined)) continue;
    const [first] = conditions as Array<BudgetView["andedTags"][number]>;
    if (!conditions.every((condition) => condition!.key === first.key)) continue;
    found.push({
      key: first.key,
      values: conditions.flatMap((condition) => condition!.values),
      caseInsensitive: conditions.every((condition) => condition!.caseInsensitive),
    });
  }
  return found;
}

/** The account and Region conditions of a filter expression (top or `ands`) and of the cost filters. */
export function placementOf(
  expression: unknown,
  costFilter: (name: string) => unknown,
): BudgetView["placement"] {
  const placement: BudgetView["placement"] = {};
  const known = (values: unknown): string[] | undefined => {
    const names = strings(values);
    return Array.isArray(names) && names.every((name) => typeof name === "string")
      ? (names as string[])
      : undefined;
  };
  const narrow = (field: "accounts" | "regions", values: string[] | undefined) => {
    if (values === undefined) return;
    placement[field] = placement[field] ? placement[field].filter((value) => values.includes(value)) : values;
  };
  narrow("accounts", known(costFilter("LinkedAccount")));
  narrow("regions", known(costFilter("Region")));
  if (expression !== undefined && !isUnknown(expression)) {
    const ands = list(at(expression, "ands"));
    for (const operand of [expression, ...(ands === UNKNOWN || ands === undefined ? [] : ands)]) {
      const key = text(at(operand, "dimensions", "key"));
      if (key === "LINKED_ACCOUNT") narrow("accounts", known(at(operand, "dimensions", "values")));
      if (key === "REGION") narrow("regions", known(at(operand, "dimensions", "values")));
    }
  }
  return placement;
}

/** A known `{tags: {key, values}}` condition, its key without `user:`; undefined otherwise. */
function tagCondition(candidate: unknown): BudgetView["andedTags"][number] | undefined {
  const key = text(at(candidate, "tags", "key"));
  const values = strings(at(candidate, "tags", "values"));
  if (typeof key !== "string" || !Array.isArray(values) || values.some((value) => value === UNKNOWN))
    return undefined;
  return {
    key: key.replace(/^user:/, ""),
    values: values as string[],
    caseInsensitive: caseInsensitive(candidate),
  };
}
