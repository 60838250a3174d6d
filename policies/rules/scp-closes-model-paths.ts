import { mandatoryTagsSetting, setting } from "../lib/config";
import { scpActions } from "../lib/scp-actions";
import { defineStackPolicy } from "../lib/define-policy";
import { type Statement, actionMatcher, coversAction } from "../lib/iam";
import type { StackResource } from "../lib/policy";
import {
  conditionPairs,
  conditionValueMatches,
  coversResource,
  negatedBase,
  scpStatements,
  scpTypes,
} from "../lib/scp";
import { isRecord } from "../lib/values";

/** Paths around application profiles, as the ARNs a Deny must cover: a model and a system profile, in two Regions. */
const modelPaths = [
  "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
  "arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0",
  "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
  "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0",
];

export const scpClosesModelPaths = defineStackPolicy({
  name: "scp-closes-model-paths",
  description:
    "Checks that a stack with service control policies attaches one that denies every model-running action on foundation models and system-defined inference profiles unless bedrock:InferenceProfileArn names an application inference profile, with no other condition narrowing the Deny.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Attach (aws.organizations.PolicyAttachment) an SCP with `{"Effect": "Deny", "Action": [<model actions>], "Resource": ["arn:*:bedrock:*::foundation-model/*", "arn:*:bedrock:*:*:inference-profile/*"], "Condition": {"ArnNotLike": {"bedrock:InferenceProfileArn": "arn:*:bedrock:*:*:application-inference-profile/*"}}}`. A principal exemption or any other condition on that Deny leaves a path to the models open.',
  settings: {
    /** Tag keys each attached SCP must require, one key per Null condition, on bedrock:CreateInferenceProfile. Defaults to the mandatory cost tags. */
    mandatoryTags: mandatoryTagsSetting,
    /** Actions that run a model and must stay inside application profiles. Defaults to the spending surface's (lib/scp-actions.ts, the same list the program's SCP denies): InvokeModel, InvokeModelWithResponseStream, CreateModelInvocationJob. */
    modelActions: setting.strings(scpActions.actions, {}, { minItems: 1 }),
  },
  resourceTypes: [scpTypes.policy, scpTypes.attachment],
  validate(resources, _args, reportViolation, config) {
    const scps = resources
      .filter((resource) => resource.type === scpTypes.policy)
      .map((resource) => ({ resource, statements: scpStatements(resource.props) }));
    if (scps.some(({ statements }) => statements === "unknown")) return; // not guessed during a preview
    const judged = scps.filter((scp): scp is { resource: StackResource; statements: Statement[] } =>
      Array.isArray(scp.statements),
    );
    if (judged.length === 0) return; // this stack manages no SCPs (the org stack's switch is off)
    const attached = attachedPolicies(resources);
    const actions = config.modelActions;
    for (const action of actions) {
      const closing = judged.filter(({ statements }) =>
        statements.some((statement) => closesPaths(statement, action)),
      );
      if (closing.some(({ resource }) => attached.has(resource.urn))) continue;
      const unattached = closing.map(({ resource }) => `"${resource.name}"`);
      reportViolation(
        unattached.length > 0
          ? `The SCP ${unattached.join(", ")} closes the paths around application profiles for ${action}, but no PolicyAttachment attaches it: the path stays open.`
          : `No SCP of this stack denies ${action} on foundation models and system-defined profiles outside application inference profiles: a direct model call or a call through a system profile stays open to every principal the identity policies allow.`,
      );
    }
    const attachedStatements = judged
      .filter(({ resource }) => attached.has(resource.urn))
      .flatMap(({ statements }) => statements);
    for (const key of config.mandatoryTags) {
      if (attachedStatements.some((statement) => requiresTagAlone(statement, key))) continue;
      const grouped = attachedStatements.some((statement) => nullTagKeys(statement).length > 1);
      reportViolation(
        `No attached SCP of this stack denies bedrock:CreateInferenceProfile when aws:RequestTag/${key} is missing${grouped ? " on its own: keys in one Null block are ANDed, so that Deny fires only when every one of them is missing" : ""}. Give each mandatory tag its own Deny statement with {"Null": {"aws:RequestTag/${key}": "true"}}.`,
      );
    }
  },
});

/** SCP URNs that some attachment's policyId comes from. */
function attachedPolicies(resources: readonly StackResource[]): Set<string> {
  const attached = new Set<string>();
  for (const attachment of resources.filter((resource) => resource.type === scpTypes.attachment)) {
    for (const urn of attachment.propertyDependencies.get("policyId") ?? attachment.dependencies)
      attached.add(urn);
  }
  return attached;
}

/** A Deny covering the action on every model path, lifted only when the request names an application profile. */
function closesPaths(statement: Statement, action: string): boolean {
  if (statement.effect !== "Deny" || coversAction(statement, actionMatcher(action)) !== true) return false;
  if (!modelPaths.every((arn) => coversResource(statement, arn) === true)) return false;
  if (!isRecord(statement.condition)) return false; // an unconditional Deny closes the application-profile path too
  const pairs = conditionPairs(statement.condition);
  if (pairs.length !== 1) return false;
  const [{ operator, key, values }] = pairs;
  if (key.toLowerCase() !== "bedrock:inferenceprofilearn" || negatedBase(operator) === null) return false;
  const patterns = (Array.isArray(values) ? values : [values]).filter(
    (value): value is string => typeof value === "string",
  );
  // A pattern that matches a model or a system profile lifts the Deny for calls through it.
  return (
    patterns.length > 0 &&
    !patterns.some((pattern) => modelPaths.some((arn) => conditionValueMatches(operator, pattern, arn)))
  );
}

/** The `aws:RequestTag/...` keys of a statement's Null block that deny when missing (`"true"`). */
function nullTagKeys(statement: Statement): string[] {
  if (!isRecord(statement.condition)) return [];
  return conditionPairs(statement.condition)
    .filter(
      ({ operator, key, values }) =>
        operator.toLowerCase() === "null" &&
        key.toLowerCase().startsWith("aws:requesttag/") &&
        String(Array.isArray(values) ? values[0] : values).toLowerCase() === "true",
    )
    .map(({ key }) => key.slice("aws:RequestTag/".length));
}

/**
 * A Deny on profile creation when this one key is missing: its Null block names only that key, and
 * any other condition is a principal exemption (the deploy and break-glass roles).
 */
function requiresTagAlone(statement: Statement, key: string): boolean {
  if (statement.effect !== "Deny") return false;
  if (coversAction(statement, actionMatcher("bedrock:CreateInferenceProfile")) !== true) return false;
  if (!isRecord(statement.condition)) return false;
  const pairs = conditionPairs(statement.condition);
  const nullPairs = pairs.filter(({ operator }) => operator.toLowerCase() === "null");
  const others = pairs.filter(({ operator }) => operator.toLowerCase() !== "null");
  return (
    nullPairs.length === 1 &&
    nullTagKeys(statement).join() === key &&
    others.every(
      ({ operator, key: other }) =>
        negatedBase(operator) !== null && other.toLowerCase() === "aws:principalarn",
    )
  );
}
