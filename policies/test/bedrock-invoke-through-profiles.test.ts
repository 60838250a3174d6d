/**
 * bedrock-invoke-through-profiles on what a grant reaches: actions (by name, wildcard, case or
 * NotAction) on resources (by ARN, wildcard or NotResource), in every resource type that holds a
 * permissions document. Conditions: invoke-conditions.test.ts; documents it cannot read in full:
 * invoke-unreadable-documents.test.ts; evasions found later: iam-evasions.test.ts.
 */
import { bedrockInvokeThroughProfiles as policy } from "../rules/bedrock-invoke-through-profiles";
import type { ResourceSpec } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { modelArn, systemProfileArn } from "./helpers/policy-fixtures";
import {
  compliantDocument,
  documentOf,
  invokeActions,
  policyResource,
  profileArns,
  single,
} from "./helpers/iam-documents";

const { expectNoViolations, expectViolation, expectNotApplicable, itPasses } = resourcePolicyChecks(policy);

describe("#bedrock-invoke-through-profiles", () => {
  describe("documents that keep invocation on the profiles", () => {
    itPasses({
      "the program's document, given as a JSON string": policyResource(),
      "the same document given as an object": policyResource(compliantDocument()),
      "invoke on application profiles only, also by wildcard": policyResource(
        single({
          Action: "bedrock:Invoke*",
          Resource: "arn:aws:bedrock:*:*:application-inference-profile/*",
        }),
      ),
      "Bedrock actions that do not invoke a model, on any resource": policyResource(
        single({
          Action: ["bedrock:GetInferenceProfile", "bedrock:ListFoundationModels", "bedrock:InvokeAgent"],
          Resource: "*",
        }),
      ),
      "Deny statements, however broad": policyResource(
        documentOf({ Effect: "Deny", Action: invokeActions, Resource: "*" }),
      ),
      "a NotAction allow that excludes every Bedrock action": policyResource(
        single({ NotAction: ["bedrock:*", "bedrock-mantle:*", "iam:*"], Resource: "*" }),
      ),
      "a document with no statements": [
        policyResource(JSON.stringify({ Version: "2012-10-17" })),
        policyResource(JSON.stringify({ Version: "2012-10-17", Statement: [] })),
      ],
    });
  });

  describe("grants around the profiles", () => {
    it("fails invoke on a foundation model without a condition, naming the statement and the fix", async () => {
      await expectViolation(
        policyResource(
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
        policyResource(single({ Action: invokeActions, Resource: modelArn })),
        "statement 1 allows bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream",
      );
    });

    it("fails invoke on a system-defined profile, and on *", async () => {
      await expectViolation(
        policyResource(single({ Action: "bedrock:InvokeModel", Resource: systemProfileArn })),
        "inference-profile/us.anthropic",
      );
      await expectViolation(
        policyResource(single({ Action: "bedrock:InvokeModel", Resource: "*" })),
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
          policyResource(single({ Action: "bedrock:InvokeModel", Resource: resource })),
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
          policyResource(single({ Action: action, Resource: modelArn })),
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
          policyResource(single({ Action: [action], Resource: modelArn })),
          "around their application inference profiles",
        );
      });
    }

    it("fails Effect written in another case", async () => {
      await expectViolation(
        policyResource(single({ Effect: "allow", Action: "bedrock:InvokeModel", Resource: "*" })),
        "statement 1 allows",
      );
    });

    it("fails a NotAction allow that leaves invoke in", async () => {
      await expectViolation(
        policyResource(single({ NotAction: "iam:*", Resource: "*" })),
        "allows bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream, bedrock:CreateAdvancedPromptOptimizationJob",
      );
      await expectViolation(
        policyResource(single({ NotAction: "bedrock:InvokeModel", Resource: modelArn })),
        "allows bedrock:InvokeModelWithResponseStream, ",
      );
    });

    it("fails a NotResource allow of invoke, which reaches every model it does not list", async () => {
      await expectViolation(
        policyResource(single({ Action: "bedrock:InvokeModel", NotResource: profileArns })),
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
      await expectViolation(policyResource(document), "statement 1 (and 2 more statements) allows");
    });

    it("reads the invoke actions from config", async () => {
      await expectNoViolations(
        policyResource(single({ Action: "bedrock:InvokeModel", Resource: modelArn })),
        {
          config: { invokeActions: ["bedrock:CreateModelInvocationJob"] },
        },
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
        await expectViolation(policyResource(bad, type), "around their application inference profiles");
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
