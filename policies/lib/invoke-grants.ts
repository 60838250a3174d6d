/**
 * The rule behind `bedrock-invoke-through-profiles`: which Allow statements let a caller invoke a
 * model without going through an application inference profile.
 *
 * A statement bypasses the profiles when it allows an invoke action (directly, by wildcard or by
 * `NotAction`) on a foundation model, a system-defined profile or `*` (directly, by wildcard or by
 * `NotResource`), and no condition requires `bedrock:InferenceProfileArn` to name application
 * profiles. A direct model call carries no such key, so that condition is what denies it (facts:
 * iamCondition); a condition that admits system-defined profiles lets spend escape attribution.
 */
import { arnTemplates, parseBedrockArn } from "./arn";
import { globsOverlap } from "./glob";
import {
  type Patterns,
  type Statement,
  actionMatcher,
  conditionEntries,
  coversAction,
  isWildcardOperator,
  operatorRequiresKey,
} from "./iam";
import { quote } from "./text";
import { UNKNOWN } from "./values";

export const profileConditionKey = "bedrock:InferenceProfileArn";

export interface Bypass {
  statement: Statement;
  /** The invoke actions it allows. */
  actions: string[];
  /** What it allows them on, as written (`NotResource [...]` for a NotResource statement). */
  target: string;
  /** Why a condition it has does not count, if it has one on the key. */
  conditionProblem?: string;
}

export function findInvokeBypasses(
  statements: readonly Statement[],
  invokeActions: readonly string[],
): Bypass[] {
  // Documents repeat the same patterns statement after statement: each is matched once.
  const actions = invokeActions.map((action) => ({ action, matches: memoize(actionMatcher(action)) }));
  const reaches = memoize(reachesModels);
  const bypasses: Bypass[] = [];
  for (const statement of statements) {
    if (statement.effect !== "Allow") continue; // Deny is fine; an unknown Effect is not guessed.
    const covered = actions
      .filter(({ matches }) => coversAction(statement, matches) === true)
      .map(({ action }) => action);
    if (covered.length === 0) continue;
    const target = modelTarget(statement, reaches);
    if (target === undefined) continue;
    const condition = profileCondition(statement);
    if (condition === "restricts") continue;
    bypasses.push({
      statement,
      actions: covered,
      target: target === notResourceTarget ? target : quote(target, 120),
      conditionProblem: condition === "none" ? undefined : condition,
    });
  }
  return bypasses;
}

function memoize(test: (pattern: string) => boolean): (pattern: string) => boolean {
  const answers = new Map<string, boolean>();
  return (pattern) => {
    let answer = answers.get(pattern);
    if (answer === undefined) {
      answer = test(pattern);
      if (answers.size < 100_000) answers.set(pattern, answer);
    }
    return answer;
  };
}

const reachesModels = (pattern: string): boolean =>
  globsOverlap(pattern, arnTemplates.foundationModel) || globsOverlap(pattern, arnTemplates.systemProfile);

const notResourceTarget = "NotResource (every other resource, models included)";

/** The first resource pattern that reaches models around the profiles, or `undefined` when none (or not known yet). */
function modelTarget(statement: Statement, reaches: (pattern: string) => boolean): string | undefined {
  if (statement.resource) return statement.resource.known.find(reaches);
  if (statement.notResource) return excludesEverything(statement.notResource) ? undefined : notResourceTarget;
  return undefined;
}

/** A NotResource list leaves models allowed unless it excludes everything; unknown entries might. */
function excludesEverything(notResource: Patterns): boolean {
  if (notResource.unknown) return true;
  return notResource.known.some((pattern) => /^\*+$/.test(pattern) || /^arn:\*+$/.test(pattern));
}

/**
 * `restricts` when some condition requires the profile key and every value it accepts is an
 * application profile (or not known yet); otherwise `none`, or the reason the condition falls short.
 */
function profileCondition(statement: Statement): "restricts" | "none" | string {
  if (statement.condition === UNKNOWN) return "restricts"; // not known yet: not guessed
  if (!statement.condition) return "none";
  const entries = conditionEntries(statement.condition, profileConditionKey);
  if (entries.length === 0) return "none";
  let problem = "";
  for (const entry of entries) {
    const requirement = operatorRequiresKey(entry.operator, entry.values);
    if (requirement === "admits-absent") {
      problem ||= `its ${entry.operator} condition on ${profileConditionKey} also holds for direct model calls (which carry no such key)`;
      continue;
    }
    if (requirement === "requires") {
      problem ||= `its ${entry.operator} condition admits any inference profile, system-defined ones included`;
      continue;
    }
    const wildcard = isWildcardOperator(entry.operator);
    const admitsSystem = entry.values.find(
      (value) =>
        value !== UNKNOWN &&
        (wildcard
          ? globsOverlap(value, arnTemplates.systemProfile)
          : parseBedrockArn(value)?.kind === "system-profile"),
    );
    if (entry.values.length > 0 && admitsSystem === undefined) return "restricts";
    problem ||=
      admitsSystem === undefined
        ? `its ${entry.operator} condition on ${profileConditionKey} lists no profile`
        : `its condition admits ${quote(admitsSystem as string, 60)}, which takes system-defined profiles`;
  }
  return problem;
}
