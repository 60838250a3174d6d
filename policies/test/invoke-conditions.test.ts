/**
 * bedrock-invoke-through-profiles on conditions: an invoke grant on "*" keeps callers on the
 * application profiles only under a condition on bedrock:InferenceProfileArn that, as IAM evaluates
 * it, holds for calls through those profiles and for nothing else (not a direct model call, where the
 * key is absent, nor a call through a system-defined profile). One case per condition.
 */
import { bedrockInvokeThroughProfiles as policy } from "../rules/bedrock-invoke-through-profiles";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { profileArn, systemProfileArn } from "./helpers/policy-fixtures";
import { conditioned, profileArns } from "./helpers/iam-documents";

const { expectViolation, itPasses } = resourcePolicyChecks(policy);

const key = "bedrock:InferenceProfileArn";
const directCalls = "also holds for direct model calls";
const systemProfiles = "which takes system-defined profiles";

describe("#bedrock-invoke-through-profiles on conditions", () => {
  describe("conditions that admit application profiles only", () => {
    itPasses({
      "operator and key in any case, as IAM compares them": conditioned({
        stringequals: { "BEDROCK:INFERENCEPROFILEARN": profileArn },
      }),
      "ArnLike naming the account's application profiles": conditioned({
        ArnLike: { [key]: "arn:aws:bedrock:*:111122223333:application-inference-profile/*" },
      }),
      "ForAnyValue:StringEquals naming application profiles": conditioned({
        "ForAnyValue:StringEquals": { [key]: profileArns },
      }),
      "an IgnoreCase operator naming an application profile in another casing": conditioned({
        StringEqualsIgnoreCase: { [key]: profileArn.toUpperCase() },
      }),
    });
  });

  describe("conditions that leave a path around the profiles", () => {
    const cases: Array<[title: string, condition: Record<string, unknown>, expected: string]> = [
      [
        "an IfExists operator, which also holds for a direct call without the key",
        { StringEqualsIfExists: { [key]: profileArns } },
        directCalls,
      ],
      ["ArnLikeIfExists, likewise", { ArnLikeIfExists: { [key]: profileArn } }, directCalls],
      [
        "a negated operator, which holds when the key is absent",
        { StringNotEquals: { [key]: profileArns } },
        directCalls,
      ],
      [
        "ForAllValues, which holds when the key is absent",
        { "ForAllValues:StringEquals": { [key]: profileArns } },
        directCalls,
      ],
      ['StringLike "*"', { StringLike: { [key]: "*" } }, `admits "*", ${systemProfiles}`],
      [
        "a system-defined profile beside an application one",
        { StringEquals: { [key]: [profileArn, systemProfileArn] } },
        systemProfiles,
      ],
      [
        "an IgnoreCase operator naming a system-defined profile in upper case",
        { StringEqualsIgnoreCase: { [key]: systemProfileArn.toUpperCase() } },
        systemProfiles,
      ],
      [
        "an ArnLike pattern that admits more than application profiles",
        { ArnLike: { [key]: "arn:aws:bedrock:*:111122223333:*" } },
        systemProfiles,
      ],
      [
        'Null "false", which admits any inference profile',
        { Null: { [key]: "false" } },
        "admits any inference profile",
      ],
      [
        "a condition on another key only",
        { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        "without a bedrock:InferenceProfileArn condition",
      ],
    ];
    for (const [title, condition, expected] of cases) {
      it(`fails ${title}`, async () => {
        await expectViolation(conditioned(condition), expected);
      });
    }
  });
});
