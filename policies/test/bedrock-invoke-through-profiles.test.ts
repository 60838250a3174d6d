import { bedrockInvokeThroughProfiles as policy } from "../bedrock-invoke-through-profiles";
import { type ResourceSpec, UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";

const { expectNoViolations, expectViolation, expectNotApplicable } = resourcePolicyChecks(policy);

const profileArns = [
  "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdef123456",
  "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/0a1b2c3d4e5f",
];
const modelArn = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
const systemProfileArn =
  "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0";
const invokeActions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

/** The document our program writes: invoke on the profiles, and on models only through them. */
function compliantDocument() {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "InvokeThroughProfiles", Effect: "Allow", Action: invokeActions, Resource: profileArns },
      {
        Sid: "ReadProfiles",
        Effect: "Allow",
        Action: ["bedrock:GetInferenceProfile"],
        Resource: profileArns,
      },
      {
        Sid: "ModelsOnlyViaProfiles",
        Effect: "Allow",
        Action: invokeActions,
        Resource: [modelArn, "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"],
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": profileArns } },
      },
    ],
  };
}

function getHappyPathArgs(
  document: unknown = JSON.stringify(compliantDocument()),
  type = "aws:iam/policy:Policy",
): ResourceSpec {
  return { type, name: "claims-invoke-policy", props: { name: "claims-invoke-dev", policy: document } };
}

/** A one-statement document (Statement as a single object, as IAM also accepts). */
const single = (statement: Record<string, unknown>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", ...statement } });

describe("#bedrock-invoke-through-profiles", () => {
  describe("documents that keep invocation on the profiles", () => {
    it("passes the program's document, given as a JSON string", async () => {
      await expectNoViolations(getHappyPathArgs());
    });

    it("passes the same document given as an object", async () => {
      await expectNoViolations(getHappyPathArgs(compliantDocument()));
    });

    it("passes invoke on application profiles only, also by wildcard", async () => {
      await expectNoViolations(
        getHappyPathArgs(
          single({
            Action: "bedrock:Invoke*",
            Resource: "arn:aws:bedrock:*:*:application-inference-profile/*",
          }),
        ),
      );
    });

    it("passes Bedrock actions that do not invoke a model, on any resource", async () => {
      const document = single({
        Action: ["bedrock:GetInferenceProfile", "bedrock:ListFoundationModels", "bedrock:InvokeAgent"],
        Resource: "*",
      });
      await expectNoViolations(getHappyPathArgs(document));
    });

    it("passes Deny statements, however broad", async () => {
      const document = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: invokeActions, Resource: "*" }],
      });
      await expectNoViolations(getHappyPathArgs(document));
    });

    it("passes a NotAction allow that excludes every Bedrock action", async () => {
      await expectNoViolations(
        getHappyPathArgs(single({ NotAction: ["bedrock:*", "bedrock-mantle:*", "iam:*"], Resource: "*" })),
      );
    });

    it("passes a document with no statements", async () => {
      await expectNoViolations(getHappyPathArgs(JSON.stringify({ Version: "2012-10-17" })));
      await expectNoViolations(getHappyPathArgs(JSON.stringify({ Version: "2012-10-17", Statement: [] })));
    });
  });

  describe("grants around the profiles", () => {
    it("fails invoke on a foundation model without a condition, naming the statement and the fix", async () => {
      await expectViolation(
        getHappyPathArgs(
          JSON.stringify({
            Statement: [
              { Sid: "Direct", Effect: "Allow", Action: "bedrock:InvokeModel", Resource: modelArn },
            ],
          }),
        ),
        /"claims-invoke-policy" lets callers invoke models around their application inference profiles: statement 1 \("Direct"\) allows bedrock:InvokeModel on "arn:aws:bedrock:us-east-1::foundation-model\/anthropic.claude-3-haiku-20240307-v1:0" without a bedrock:InferenceProfileArn condition/,
      );
    });

    it("fails a single-statement document (Statement as an object)", async () => {
      await expectViolation(
        getHappyPathArgs(single({ Action: invokeActions, Resource: modelArn })),
        "statement 1 allows bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream",
      );
    });

    it("fails invoke on a system-defined profile, and on *", async () => {
      await expectViolation(
        getHappyPathArgs(single({ Action: "bedrock:InvokeModel", Resource: systemProfileArn })),
        "inference-profile/us.anthropic",
      );
      await expectViolation(
        getHappyPathArgs(single({ Action: "bedrock:InvokeModel", Resource: "*" })),
        'on "*"',
      );
    });

    for (const resource of [
      "arn:aws:bedrock:*::foundation-model/*",
      "arn:aws:bedrock:*:*:*",
      "arn:aws:bedrock:us-east-1:*",
      "arn:*:bedrock:*",
      "arn:aws:bedrock:*:*:inference-profile/*",
      "arn:aws:bedrock:us-east-1::foundation-model/anthropic.*",
    ]) {
      it(`fails invoke on the wildcard resource ${resource}`, async () => {
        await expectViolation(
          getHappyPathArgs(single({ Action: "bedrock:InvokeModel", Resource: resource })),
          "around their application inference profiles",
        );
      });
    }

    for (const action of [
      "bedrock:*",
      "bedrock:Invoke*",
      "*",
      "bedrock:InvokeModel*",
      "bedrock:*Model",
      "bedrock:Invoke?odel",
      "bedrock:InvokeModelWithResponseStream",
    ]) {
      it(`fails the action ${action}, which covers an invoke action`, async () => {
        await expectViolation(
          getHappyPathArgs(single({ Action: action, Resource: modelArn })),
          "around their application inference profiles",
        );
      });
    }

    for (const action of [
      "BEDROCK:INVOKEMODEL",
      "Bedrock:invokeModelWithResponseStream",
      "BEDROCK:INVOKE*",
      "Bedrock:*",
    ]) {
      it(`fails ${action}: IAM action names are case-insensitive`, async () => {
        await expectViolation(
          getHappyPathArgs(single({ Action: [action], Resource: modelArn })),
          "around their application inference profiles",
        );
      });
    }

    it("fails Effect written in another case", async () => {
      await expectViolation(
        getHappyPathArgs(single({ Effect: "allow", Action: "bedrock:InvokeModel", Resource: "*" })),
        "statement 1 allows",
      );
    });

    it("fails a NotAction allow that leaves invoke in", async () => {
      await expectViolation(
        getHappyPathArgs(single({ NotAction: "iam:*", Resource: "*" })),
        "allows bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream, bedrock:CreateAdvancedPromptOptimizationJob",
      );
      await expectViolation(
        getHappyPathArgs(single({ NotAction: "bedrock:InvokeModel", Resource: modelArn })),
        "allows bedrock:InvokeModelWithResponseStream, ",
      );
    });

    it("fails a NotResource allow of invoke, which reaches every model it does not list", async () => {
      await expectViolation(
        getHappyPathArgs(single({ Action: "bedrock:InvokeModel", NotResource: profileArns })),
        "on NotResource",
      );
    });

    it("counts each offending statement once and reports them together", async () => {
      const document = JSON.stringify({
        Statement: [
          { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: modelArn },
          { Effect: "Allow", Action: "bedrock:*", Resource: "*" },
          { Effect: "Allow", Action: "bedrock:Invoke*", Resource: systemProfileArn },
        ],
      });
      await expectViolation(getHappyPathArgs(document), "statement 1 (and 2 more statements) allows");
    });

    it("reads the invoke actions from config", async () => {
      await expectNoViolations(
        getHappyPathArgs(single({ Action: "bedrock:InvokeModel", Resource: modelArn })),
        {
          config: { invokeActions: ["bedrock:CreateModelInvocationJob"] },
        },
      );
    });
  });

  describe("conditions on bedrock:InferenceProfileArn", () => {
    const conditioned = (condition: unknown) =>
      getHappyPathArgs(single({ Action: invokeActions, Resource: "*", Condition: condition }));

    it("passes operator and key in any case, as IAM compares them", async () => {
      await expectNoViolations(
        conditioned({ stringequals: { "BEDROCK:INFERENCEPROFILEARN": profileArns[0] } }),
      );
    });

    it("passes ArnLike and ForAnyValue:StringEquals naming application profiles", async () => {
      await expectNoViolations(
        conditioned({
          ArnLike: {
            "bedrock:InferenceProfileArn": "arn:aws:bedrock:*:111122223333:application-inference-profile/*",
          },
        }),
      );
      await expectNoViolations(
        conditioned({ "ForAnyValue:StringEquals": { "bedrock:InferenceProfileArn": profileArns } }),
      );
    });

    it("fails an IfExists operator, which also holds for a direct call without the key", async () => {
      await expectViolation(
        conditioned({ StringEqualsIfExists: { "bedrock:InferenceProfileArn": profileArns } }),
        "also holds for direct model calls",
      );
    });

    it("fails negated and ForAllValues operators, which hold when the key is absent", async () => {
      await expectViolation(
        conditioned({ StringNotEquals: { "bedrock:InferenceProfileArn": profileArns } }),
        "also holds for direct model calls",
      );
      await expectViolation(
        conditioned({ "ForAllValues:StringEquals": { "bedrock:InferenceProfileArn": profileArns } }),
        "also holds for direct model calls",
      );
    });

    it("fails a condition that admits system-defined profiles", async () => {
      await expectViolation(
        conditioned({ StringLike: { "bedrock:InferenceProfileArn": "*" } }),
        'admits "*", which takes system-defined profiles',
      );
      await expectViolation(
        conditioned({
          StringEquals: { "bedrock:InferenceProfileArn": [profileArns[0], systemProfileArn] },
        }),
        "which takes system-defined profiles",
      );
      await expectViolation(
        conditioned({ Null: { "bedrock:InferenceProfileArn": "false" } }),
        "admits any inference profile",
      );
    });

    it("fails a condition on another key only", async () => {
      await expectViolation(
        conditioned({ StringEquals: { "aws:RequestedRegion": "us-east-1" } }),
        "without a bedrock:InferenceProfileArn condition",
      );
    });
  });

  describe("documents that cannot be judged", () => {
    it("fails a document string that is not JSON, without crashing", async () => {
      await expectViolation(
        getHappyPathArgs('{"Statement": ['),
        /policy document of "claims-invoke-policy" is not valid JSON/,
      );
    });

    it("fails a document that is not an object, a statement that is not an object, and an Effect that is neither Allow nor Deny", async () => {
      await expectViolation(getHappyPathArgs("[1, 2]"), "is not a JSON object");
      await expectViolation(
        getHappyPathArgs(JSON.stringify({ Statement: [42] })),
        "statement 1 is not a JSON object",
      );
      await expectViolation(
        getHappyPathArgs(single({ Effect: "Permit", Action: "s3:GetObject", Resource: "*" })),
        "no Effect of Allow or Deny",
      );
    });

    it("fails a document far larger than IAM accepts without reading it", async () => {
      const huge = JSON.stringify({
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "x".repeat(2 * 1024 * 1024) }],
      });
      await expectViolation(getHappyPathArgs(huge), "far past IAM's 10,240-character limit");
    });
  });

  describe("values unknown during preview", () => {
    it("does not guess while the whole document is unknown", async () => {
      await expectNoViolations(getHappyPathArgs(UNKNOWN));
    });

    it("does not guess on unknown Statement, Effect, Action, Resource or Condition", async () => {
      for (const statement of [
        UNKNOWN,
        { Effect: UNKNOWN, Action: "bedrock:InvokeModel", Resource: "*" },
        { Effect: "Allow", Action: [UNKNOWN], Resource: "*" },
        { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: [profileArns[0], UNKNOWN] },
        { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*", Condition: UNKNOWN },
        {
          Effect: "Allow",
          Action: "bedrock:InvokeModel",
          Resource: "*",
          Condition: { StringEquals: { "bedrock:InferenceProfileArn": UNKNOWN } },
        },
      ]) {
        await expectNoViolations(getHappyPathArgs({ Statement: [statement] }));
      }
      await expectNoViolations(getHappyPathArgs({ Statement: UNKNOWN }));
    });

    it("still reports what is known beside an unknown entry", async () => {
      await expectViolation(
        getHappyPathArgs({
          Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: [UNKNOWN, modelArn] }],
        }),
        "foundation-model/anthropic",
      );
    });
  });

  describe("every resource type that holds a permissions document", () => {
    const bad = single({ Action: "bedrock:InvokeModel", Resource: "*" });
    for (const type of [
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/userPolicy:UserPolicy",
      "aws:iam/groupPolicy:GroupPolicy",
    ]) {
      it(`fails ${type}`, async () => {
        await expectViolation(getHappyPathArgs(bad, type), "around their application inference profiles");
      });
    }

    it("fails an inline policy of an aws.iam.Role, naming it", async () => {
      const spec: ResourceSpec = {
        type: "aws:iam/role:Role",
        name: "worker",
        props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "models", policy: bad }] },
      };
      await expectViolation(spec, 'IAM inline policy "models" of "worker"');
    });

    for (const type of [
      "aws-native:iam:ManagedPolicy",
      "aws-native:iam:RolePolicy",
      "aws-native:iam:UserPolicy",
      "aws-native:iam:GroupPolicy",
    ]) {
      it(`fails ${type}, whose policyDocument is an object`, async () => {
        const spec: ResourceSpec = { type, props: { policyDocument: JSON.parse(bad) } };
        await expectViolation(spec, "around their application inference profiles");
      });
    }

    it("fails the embedded policies of an aws-native role, and passes the compliant one", async () => {
      const spec = (document: unknown): ResourceSpec => ({
        type: "aws-native:iam:Role",
        props: { policies: [{ policyName: "models", policyDocument: document }] },
      });
      await expectViolation(spec(JSON.parse(bad)), 'inline policy "models"');
      await expectNoViolations(spec(compliantDocument()));
    });

    it("is not applicable to resources without a permissions document", async () => {
      await expectNotApplicable({
        type: "aws:iam/instanceProfile:InstanceProfile",
        props: { role: "r" },
      });
    });
  });
});
