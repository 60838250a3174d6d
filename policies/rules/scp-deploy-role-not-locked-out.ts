import { mandatoryTagsSetting, setting } from "../lib/config";
import { defineResourcePolicy } from "../lib/define-policy";
import { type Statement, actionMatcher, coversAction } from "../lib/iam";
import {
  conditionPairs,
  conditionValueMatches,
  principalExemptions,
  scpStatements,
  scpTypes,
  statementLabel,
} from "../lib/scp";
import { enumerate } from "../lib/text";
import { isRecord } from "../lib/values";

export const scpDeployRoleNotLockedOut = defineResourcePolicy({
  name: "scp-deploy-role-not-locked-out",
  description:
    "Checks that no service control policy denies the deploy role what it does to inference profiles (create, tag, untag, delete): every such Deny spares the deploy roles by aws:PrincipalArn, or applies only when a mandatory tag is missing from the request.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Add `"ArnNotLike": {"aws:PrincipalArn": [<deploy role ARNs>, <break-glass role ARNs>]}` to each Deny statement on bedrock:CreateInferenceProfile, TagResource, UntagResource or DeleteInferenceProfile. A deploy role that the SCPs lock out cannot fix the SCPs of member accounts either: recovery then needs the management account.',
  settings: {
    /** The deploy roles' ARNs; each Deny on a deploy action must spare every one of them. Defaults to none: then any aws:PrincipalArn exemption is accepted. */
    deployRoleArns: setting.strings([]),
    /** What the deploy role does to profiles. Defaults to create, get, delete, tag and untag an inference profile. */
    deployActions: setting.strings(
      [
        "bedrock:CreateInferenceProfile",
        "bedrock:GetInferenceProfile",
        "bedrock:DeleteInferenceProfile",
        "bedrock:TagResource",
        "bedrock:UntagResource",
      ],
      {},
      { minItems: 1 },
    ),
    /** Tag keys the deploy role always sends: a Deny only on their absence (Null aws:RequestTag/<key>) spares it. */
    mandatoryTags: mandatoryTagsSetting,
  },
  resourceTypes: [scpTypes.policy],
  validate(props, args, reportViolation, config) {
    const statements = scpStatements(props);
    if (statements === "not-an-scp" || statements === "unknown") return;
    if ("problem" in statements) {
      reportViolation(`SCP "${args.name}" ${statements.problem}: provide a valid policy document.`);
      return;
    }
    const { deployActions, deployRoleArns: deployRoles } = config;
    const mandatory = new Set(config.mandatoryTags.map((key) => `aws:requesttag/${key.toLowerCase()}`));
    for (const statement of statements) {
      if (statement.effect !== "Deny") continue;
      const denied = deployActions.filter(
        (action) => coversAction(statement, actionMatcher(action)) === true,
      );
      if (denied.length === 0) continue;
      const problem = lockoutProblem(statement, deployRoles, mandatory);
      if (problem)
        reportViolation(
          `SCP "${args.name}" ${statementLabel(statement)} denies ${enumerate(denied)} to the deploy role: ${problem}. The deploy role would be locked out of the profiles it manages.`,
        );
    }
  },
});

function lockoutProblem(
  statement: Statement,
  deployRoles: string[],
  mandatoryRequestTags: Set<string>,
): string | undefined {
  const exemptions = principalExemptions(statement);
  if (exemptions.length > 0) {
    if (deployRoles.length === 0)
      return exemptions.some((entry) => entry.values.length > 0)
        ? undefined
        : "its aws:PrincipalArn exemption names no role";
    const spared = (role: string) =>
      exemptions.some((entry) =>
        entry.values.some((pattern) => conditionValueMatches(entry.operator, pattern, role)),
      );
    const missing = deployRoles.filter((role) => !spared(role));
    return missing.length === 0
      ? undefined
      : `its aws:PrincipalArn exemption does not spare ${enumerate(missing, 3)}`;
  }
  // A Deny only on a missing mandatory tag: the deploy role always sends every mandatory tag.
  if (isRecord(statement.condition)) {
    const pairs = conditionPairs(statement.condition);
    const onlyMissingMandatoryTags =
      pairs.length > 0 &&
      pairs.every(
        (pair) =>
          pair.operator.toLowerCase() === "null" &&
          mandatoryRequestTags.has(pair.key.toLowerCase()) &&
          String(pair.values).toLowerCase() === "true",
      );
    if (onlyMissingMandatoryTags) return undefined;
  }
  return "it has no aws:PrincipalArn exemption";
}
