/**
 * Grants that mint an escape: `bedrock:CreateInferenceProfile` lets a caller create an application
 * profile of their own, untagged, and then call it under an `application-inference-profile/*` grant
 * that looks safe. Such a grant is sound only when each mandatory tag must be in the request: an Allow
 * condition on `aws:RequestTag/<key>` that holds only when the key is present with a non-empty value,
 * or a Deny in the same document of the action when `Null: {"aws:RequestTag/<key>": "true"}`.
 * (Service Authorization Reference: CreateInferenceProfile takes aws:RequestTag/${TagKey}.)
 */
import { arnTemplates } from "./arn";
import { arnOverlaps, withVariables } from "./glob";
import { type Statement, conditionEntries, operatorRequiresKey } from "./iam";
import { allowedActions, matchersOf, profileCondition } from "./invoke-grants";
import { UNKNOWN } from "./values";

export interface Minting {
  statement: Statement;
  /** Mandatory tag keys the statement lets a new profile go without. */
  untagged: string[];
}

const profileTargets = [
  arnTemplates.applicationProfile,
  arnTemplates.foundationModel,
  arnTemplates.systemProfile,
];

const createActionLists = new Map<string, readonly string[]>();
const createActions = (action: string): readonly string[] => {
  let list = createActionLists.get(action);
  if (!list) createActionLists.set(action, (list = [action]));
  return list;
};

export function findUntaggedProfileCreation(
  statements: readonly Statement[],
  createAction: string,
  mandatoryTags: readonly string[],
): Minting[] {
  const create = matchersOf(createActions(createAction));
  const deniedWithout = new Set<string>();
  for (const statement of statements) {
    if (statement.effect !== "Deny" || allowedActions(statement, create).length === 0) continue;
    if (statement.condition === UNKNOWN || !statement.condition) continue;
    if (statement.resource && !statement.resource.known.includes("*")) continue; // a Deny narrower than `*` is not read
    for (const key of mandatoryTags) {
      const entries = conditionEntries(statement.condition, `aws:RequestTag/${key}`);
      if (entries.some((entry) => entry.operator.toLowerCase() === "null" && entry.values.includes("true")))
        deniedWithout.add(key);
    }
  }
  const found: Minting[] = [];
  for (const statement of statements) {
    if (statement.effect !== "Allow" || allowedActions(statement, create).length === 0) continue;
    if (statement.condition === UNKNOWN) continue;
    // A CreateInferenceProfile request carries no bedrock:InferenceProfileArn: a condition needing it never holds.
    const onProfileKey = profileCondition(statement).kind;
    if (onProfileKey === "restricts" || onProfileKey === "requires-key") continue;
    const reaches = statement.resource
      ? statement.resource.known.some((pattern) =>
          profileTargets.some((template) => arnOverlaps(withVariables(pattern, "wildcard"), template)),
        )
      : statement.notResource !== undefined && !statement.notResource.unknown;
    if (!reaches) continue;
    const untagged = mandatoryTags.filter((key) => !deniedWithout.has(key) && !requiresTag(statement, key));
    if (untagged.length > 0) found.push({ statement, untagged });
  }
  return found;
}

const onlyStars = (value: string): boolean =>
  value.length > 0 && value.split("*").every((part) => part === "");

/** Whether the statement's conditions hold only when the request carries tag `key` with a non-empty value. */
function requiresTag(statement: Statement, key: string): boolean {
  if (!statement.condition || statement.condition === UNKNOWN) return false;
  return conditionEntries(statement.condition, `aws:RequestTag/${key}`).some((entry) => {
    const requirement = operatorRequiresKey(entry.operator, entry.values);
    if (requirement !== "matches") return false;
    // StringLike "*" also admits an empty value; every value must need at least one character.
    const like = entry.operator.toLowerCase().endsWith("like");
    return (
      entry.values.length > 0 &&
      entry.values.every(
        (value) =>
          value !== UNKNOWN && value !== "" && !(like && onlyStars(withVariables(value, "wildcard"))),
      )
    );
  });
}
