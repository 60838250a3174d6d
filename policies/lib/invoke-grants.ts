/**
 * The rule behind `bedrock-invoke-through-profiles`: which Allow statements let a caller spend on a
 * model without going through an application inference profile.
 *
 * A statement bypasses the profiles when it allows a model action (bedrock-actions.ts: directly, by
 * wildcard or by `NotAction`) on a foundation model or a system-defined profile (directly, by
 * wildcard, by policy variable or by a `NotResource` that leaves one out, in any partition), and no
 * condition requires `bedrock:InferenceProfileArn` to be an application profile. A direct model call
 * carries no such key, and only InvokeModel and InvokeModelWithResponseStream requests ever carry it
 * (iam-data), so such a condition denies every other use of the grant. An inference action of another
 * Bedrock endpoint (`bedrock-mantle:CreateInference`) bypasses on any resource: no profile attributes it.
 */
import { arnTemplates, parseBedrockArn } from "./arn";
import { type Template, arnCovers, arnOverlaps, globMatcher, globsOverlap, withVariables } from "./glob";
import {
  type Patterns,
  type Statement,
  conditionEntries,
  coversAction,
  isWildcardOperator,
  operatorRequiresKey,
} from "./iam";
import { bedrockActions } from "./bedrock-actions";
import { quote } from "./text";
import { UNKNOWN } from "./values";

export const profileConditionKey = "bedrock:InferenceProfileArn";

export interface Bypass {
  statement: Statement;
  /** The spending actions it allows. */
  actions: string[];
  /** What it allows them on, as written (`NotResource [...]` for a NotResource statement). */
  target: string;
  /** Why a condition it has does not count, if it has one on the key. */
  conditionProblem?: string;
}

export interface ActionSets {
  /** Actions that spend on a model named as a resource. */
  modelActions: readonly string[];
  /** Actions that spend whatever the resource (other Bedrock endpoints). */
  endpointActions: readonly string[];
}

/** Memoized pattern tests, so a document repeating the same patterns matches each once. */
export function memoize(test: (pattern: string) => boolean): (pattern: string) => boolean {
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

/** The actions of `actions` that the statement allows (known entries only: unknown ones are not guessed). */
export function allowedActions(
  statement: Statement,
  actions: ReadonlyArray<{ action: string; matches: (pattern: string) => boolean }>,
): string[] {
  return actions
    .filter(({ matches }) => coversAction(statement, matches) === true)
    .map(({ action }) => action);
}

type ActionMatchers = Array<{ action: string; matches: (pattern: string) => boolean }>;
const matchersByActions = new WeakMap<readonly string[], ActionMatchers>();

/**
 * Matchers for `actions` that share one memo per pattern: a pattern is lowercased and compiled once
 * and tried against every action (a 1 MB pattern is read once, not once per action). The memo lives
 * as long as the list (the table's, or one configuration's): a stack repeats the same documents.
 */
export function matchersOf(actions: readonly string[]): ActionMatchers {
  let matchers = matchersByActions.get(actions);
  if (matchers) return matchers;
  const matching = new Map<string, ReadonlySet<string>>();
  const matchingOf = (pattern: string): ReadonlySet<string> => {
    let found = matching.get(pattern);
    if (!found) {
      const matches = globMatcher(pattern, { ignoreCase: true });
      found = new Set(actions.filter(matches));
      if (matching.size >= 100_000) matching.clear();
      matching.set(pattern, found);
    }
    return found;
  };
  matchers = actions.map((action) => ({
    action,
    matches: (pattern: string) => matchingOf(pattern).has(action),
  }));
  matchersByActions.set(actions, matchers);
  return matchers;
}

export function findInvokeBypasses(statements: readonly Statement[], sets: ActionSets): Bypass[] {
  const model = matchersOf(sets.modelActions);
  const endpoint = matchersOf(sets.endpointActions);
  const keyed = new Set(bedrockActions.profileKeyActions.map((action) => action.toLowerCase()));
  const bypasses: Bypass[] = [];
  for (const statement of statements) {
    if (statement.effect !== "Allow") continue; // Deny is fine; an unknown Effect is not guessed.
    const condition = profileCondition(statement);
    if (condition.kind === "restricts") continue;
    // A condition that needs the key to be present never holds for requests that carry none.
    const applies = (action: string) => condition.kind !== "requires-key" || keyed.has(action.toLowerCase());
    let target: string | undefined;
    const covered: string[] = [];
    const reachedBy = new Map<Targets, string | undefined>(); // actions share resource types
    for (const action of allowedActions(statement, model).filter(applies)) {
      const targets = targetsOf(action);
      if (!reachedBy.has(targets)) reachedBy.set(targets, modelTarget(statement, targets));
      const reached = reachedBy.get(targets);
      if (reached === undefined) continue;
      target ??= reached;
      covered.push(action);
    }
    if (target !== undefined) {
      bypasses.push({
        statement,
        actions: covered,
        target: target === notResourceTarget ? target : quote(target, 120),
        conditionProblem: condition.problem,
      });
      continue;
    }
    const endpointActions = allowedActions(statement, endpoint).filter(applies);
    const onEndpoint = statement.resource
      ? statement.resource.known.some(reachesEndpoints)
      : statement.notResource !== undefined &&
        !excludesAll(statement.notResource, endpointPartitionTemplates);
    if (endpointActions.length > 0 && onEndpoint)
      bypasses.push({ statement, actions: endpointActions, target: "any resource" });
  }
  return bypasses;
}

interface Targets {
  /** Whether a Resource pattern reaches one of the action's model resource types. */
  reaches: (pattern: string) => boolean;
  /** Those types per partition, for NotResource. */
  partitionTemplates: readonly string[];
}

const templatesByKind: Record<string, { template: Template; text: string }> = {
  "foundation-model": { template: arnTemplates.foundationModel, text: "bedrock:*::foundation-model/*" },
  "inference-profile": { template: arnTemplates.systemProfile, text: "bedrock:*:*:inference-profile/*" },
};
const partitions = ["aws", "aws-cn", "aws-us-gov"];
const targetsByKinds = new Map<string, Targets>();

/** The model resource types the action takes (iam-data), as matchers built once per set of types. */
function targetsOf(action: string): Targets {
  const kinds = bedrockActions.modelActionTargets[action] ?? Object.keys(templatesByKind);
  const key = kinds.join(",");
  let targets = targetsByKinds.get(key);
  if (!targets) {
    const templates = kinds.map((kind) => templatesByKind[kind]).filter(Boolean);
    targets = {
      reaches: memoize((pattern) => {
        const granted = withVariables(pattern, "wildcard");
        return templates.some(({ template }) => arnOverlaps(granted, template));
      }),
      partitionTemplates: partitions.flatMap((partition) =>
        templates.map(({ text }) => `arn:${partition}:${text}`),
      ),
    };
    targetsByKinds.set(key, targets);
  }
  return targets;
}

/** Resources of the other Bedrock endpoints (`arn:*:bedrock-mantle:*:*:project/*`, from iam-data). */
const endpointTemplates = bedrockActions.endpointResources.map((text) => {
  // ARN parts hold no `:`; the resource id (the last part) may hold anything.
  const stars = text.split("*").length - 1;
  return { text, wildcards: [...Array(Math.max(stars - 1, 0)).fill("[^:]"), "[^]"] };
});
const reachesEndpoints = (pattern: string): boolean => {
  const granted = withVariables(pattern, "wildcard");
  return endpointTemplates.some((template) => arnOverlaps(granted, template));
};

const notResourceTarget = "NotResource (every other resource, models included)";

/** The first resource pattern that reaches the action's models around the profiles, or `undefined` when none (or not known yet). */
function modelTarget(statement: Statement, targets: Targets): string | undefined {
  if (statement.resource) return statement.resource.known.find(targets.reaches);
  if (statement.notResource)
    return excludesAll(statement.notResource, targets.partitionTemplates) ? undefined : notResourceTarget;
  return undefined;
}

/**
 * A NotResource statement leaves models allowed unless, for each partition Bedrock runs in (arn.ts),
 * one of its patterns covers all of them: a document does not say which partition it deploys to,
 * so excluding `arn:aws:...` alone still allows `arn:aws-cn:...` models.
 */
const endpointPartitionTemplates: readonly string[] = partitions.flatMap((partition) =>
  bedrockActions.endpointResources.map((text) => text.replace(/^arn:\*:/, `arn:${partition}:`)),
);

/** Whether, for each template, one NotResource pattern covers every ARN it stands for (unknown entries might: not guessed). */
function excludesAll(notResource: Patterns, templates: readonly string[]): boolean {
  if (notResource.unknown) return true;
  const excluded = notResource.known.map((pattern) => withVariables(pattern, "nothing"));
  return templates.every((template) => excluded.some((pattern) => arnCovers(pattern, template)));
}

/**
 * Whether a value of a condition on `bedrock:InferenceProfileArn` admits only application profiles.
 * The key only ever holds an inference profile ARN, so that is: it admits no system-defined profile.
 * A literal is read as written, or in lower case under IgnoreCase (ARNs are lower case); a wildcard
 * or a policy variable (filled in per request: anything) must not reach a system profile ARN.
 */
function admitsOnlyApplicationProfiles(value: string, operator: string): boolean {
  const ignoreCase = operator.toLowerCase().includes("ignorecase");
  const written = ignoreCase ? value.toLowerCase() : value;
  const pattern = withVariables(written, "wildcard");
  if (isWildcardOperator(operator) || pattern !== written)
    return operator.toLowerCase().includes("arn")
      ? !arnOverlaps(pattern, arnTemplates.systemProfile)
      : !globsOverlap(pattern, arnTemplates.systemProfile);
  return parseBedrockArn(pattern)?.kind !== "system-profile";
}

/**
 * What a statement's conditions on the profile key do: `restricts` when one requires the key and
 * every value it accepts is an application profile (or not known yet); `requires-key` when one
 * requires the key but admits more (the `problem` says what); `none` or `admits-absent` otherwise.
 */
export type ProfileCondition =
  | { kind: "restricts"; problem?: undefined }
  | { kind: "requires-key" | "admits-absent"; problem: string }
  | { kind: "none"; problem?: undefined };

export function profileCondition(statement: Statement): ProfileCondition {
  if (statement.condition === UNKNOWN) return { kind: "restricts" }; // not known yet: not guessed
  if (!statement.condition) return { kind: "none" };
  const entries = conditionEntries(statement.condition, profileConditionKey);
  if (entries.length === 0) return { kind: "none" };
  let loosest: ProfileCondition | undefined;
  for (const entry of entries) {
    const requirement = operatorRequiresKey(entry.operator, entry.values);
    if (requirement === "admits-absent") {
      loosest ??= {
        kind: "admits-absent",
        problem: `its ${entry.operator} condition on ${profileConditionKey} also holds for direct model calls (which carry no such key)`,
      };
      continue;
    }
    let problem: string;
    if (requirement === "requires") {
      problem = `its ${entry.operator} condition admits any inference profile, system-defined ones included`;
    } else {
      const loose = entry.values.find(
        (value) => value !== UNKNOWN && !admitsOnlyApplicationProfiles(value, entry.operator),
      );
      if (entry.values.length > 0 && loose === undefined) return { kind: "restricts" };
      problem =
        loose === undefined
          ? `its ${entry.operator} condition on ${profileConditionKey} lists no profile`
          : `its condition admits ${quote(loose as string, 60)}, which takes system-defined profiles`;
    }
    // Conditions are ANDed: one that needs the key makes the statement need it.
    if (loosest?.kind !== "requires-key") loosest = { kind: "requires-key", problem };
  }
  return loosest ?? { kind: "none" };
}
