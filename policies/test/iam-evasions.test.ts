/**
 * bedrock-invoke-through-profiles against evasions: every place a permission can come from, judged
 * as IAM evaluates it. Each case here is a way around the invoke rule that the pack let through
 * before (conditions have their own table: invoke-conditions.test.ts).
 */
import * as assert from "node:assert/strict";
import { bedrockInvokeThroughProfiles as policy } from "../rules/bedrock-invoke-through-profiles";
import { mandatoryTagsSetting } from "../lib/config";
import { managedPolicies } from "../lib/managed-policies";
import { buildManagedPolicyTable } from "../scripts/iam-tables";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { conditioned, documentOf, invokeActions, policyResource } from "./helpers/iam-documents";

const { expectNoViolations, expectViolation } = resourcePolicyChecks(policy);

const fullAccess = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess";
const s3ReadOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const mandatoryTags = mandatoryTagsSetting.schema.default;

describe("#bedrock-invoke-through-profiles against evasions", () => {
  describe("managed-policy attachments of every kind", () => {
    const attachments: Array<[string, (arn: string) => Record<string, unknown>]> = [
      ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", (arn) => ({ role: "r", policyArn: arn })],
      ["aws:iam/userPolicyAttachment:UserPolicyAttachment", (arn) => ({ user: "u", policyArn: arn })],
      ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", (arn) => ({ group: "g", policyArn: arn })],
      ["aws:iam/policyAttachment:PolicyAttachment", (arn) => ({ roles: ["r"], policyArn: arn })],
      [
        "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
        (arn) => ({ roleName: "r", policyArns: [arn] }),
      ],
      ["aws:iam/role:Role", (arn) => ({ assumeRolePolicy: "{}", managedPolicyArns: [arn] })],
      ["aws-native:iam:Role", (arn) => ({ assumeRolePolicyDocument: {}, managedPolicyArns: [arn] })],
      ["aws-native:iam:User", (arn) => ({ managedPolicyArns: [arn] })],
      ["aws-native:iam:Group", (arn) => ({ managedPolicyArns: [arn] })],
      [
        "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment",
        (arn) => ({ instanceArn: "i", permissionSetArn: "p", managedPolicyArn: arn }),
      ],
      [
        "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive",
        (arn) => ({ instanceArn: "i", permissionSetArn: "p", managedPolicyArns: [arn] }),
      ],
      ["aws-native:sso:PermissionSet", (arn) => ({ instanceArn: "i", name: "p", managedPolicies: [arn] })],
    ];
    for (const [type, props] of attachments) {
      it(`fails ${type} attaching AmazonBedrockFullAccess, judged by its document`, async () => {
        await expectViolation(
          { type, props: props(fullAccess) },
          "AWS managed policy AmazonBedrockFullAccess",
        );
      });
    }

    it("passes an AWS managed policy whose document grants nothing on Bedrock", async () => {
      await expectNoViolations({ type: attachments[0][0], props: attachments[0][1](s3ReadOnly) });
    });

    it("judges AWS managed policies with a path and in other partitions", async () => {
      await expectViolation(
        {
          type: attachments[0][0],
          props: attachments[0][1]("arn:aws-cn:iam::aws:policy/AdministratorAccess"),
        },
        "AWS managed policy AdministratorAccess",
      );
      await expectNoViolations({
        type: attachments[0][0],
        props: attachments[0][1]("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
      });
    });

    it("fails closed on an AWS managed ARN the table does not know", async () => {
      await expectViolation(
        {
          type: attachments[0][0],
          props: attachments[0][1]("arn:aws:iam::aws:policy/AmazonBedrockEverythingAccess2031"),
        },
        "which this pack's table",
      );
    });

    it("leaves a customer managed ARN to the policy resource that defines it", async () => {
      await expectNoViolations({
        type: attachments[0][0],
        props: attachments[0][1]("arn:aws:iam::111122223333:policy/claims-invoke"),
      });
    });

    it("judges Identity Center inline policies by their documents", async () => {
      const inlinePolicy = documentOf({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" });
      await expectViolation(
        {
          type: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
          props: { inlinePolicy, instanceArn: "i", permissionSetArn: "p" },
        },
        "permission set inline policy",
      );
      await expectViolation(
        {
          type: "aws-native:sso:PermissionSet",
          props: { instanceArn: "i", name: "p", inlinePolicy: JSON.parse(inlinePolicy) },
        },
        "permission set inline policy",
      );
    });
  });

  describe("IAM semantics", () => {
    it("treats policy variables as wildcards in resources and condition values", async () => {
      await expectViolation(
        policyResource(
          documentOf({
            Effect: "Allow",
            Action: "bedrock:InvokeModel",
            Resource: "arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*",
          }),
        ),
      );
      await expectViolation(
        conditioned({ StringEquals: { "bedrock:InferenceProfileArn": "${aws:PrincipalTag/profile}" } }),
      );
    });

    it("understands NotResource exactly: no finding when every model target is excluded, in every partition", async () => {
      const partitions = ["aws", "aws-cn", "aws-us-gov"];
      const everyModel = partitions.flatMap((p) => [
        `arn:${p}:bedrock:*::foundation-model/*`,
        `arn:${p}:bedrock:*:*:inference-profile/*`,
      ]);
      await expectNoViolations(
        policyResource(documentOf({ Effect: "Allow", Action: invokeActions, NotResource: everyModel })),
      );
      await expectNoViolations(
        policyResource(
          documentOf({ Effect: "Allow", Action: invokeActions, NotResource: ["arn:*:bedrock:*"] }),
        ),
      );
      await expectViolation(
        policyResource(
          documentOf({ Effect: "Allow", Action: invokeActions, NotResource: everyModel.slice(1) }),
        ),
        "NotResource",
      );
      await expectViolation(
        policyResource(
          documentOf({
            Effect: "Allow",
            Action: invokeActions,
            NotResource: ["arn:${aws:PrincipalTag/p}:bedrock:*"],
          }),
        ),
        "NotResource",
      );
    });

    it("reads unicode escapes and any case of action names", async () => {
      await expectViolation(
        policyResource(
          '{"Statement":[{"Effect":"Allow","Action":"bedrock:\\u0049nvokeModel","Resource":"*"}]}',
        ),
      );
      await expectViolation(
        policyResource(documentOf({ Effect: "Allow", Action: "BEDROCK:INVOKEMODEL", Resource: "*" })),
      );
    });
  });

  describe("actions that invoke or spend, from the Service Authorization Reference", () => {
    it("counts batch inference and other Bedrock endpoints", async () => {
      await expectViolation(
        policyResource(
          documentOf({ Effect: "Allow", Action: "bedrock:CreateModelInvocationJob", Resource: "*" }),
        ),
        "bedrock:CreateModelInvocationJob",
      );
      await expectViolation(
        policyResource(
          documentOf({
            Effect: "Allow",
            Action: "bedrock-mantle:CreateInference",
            Resource: "arn:aws:bedrock-mantle:us-east-1:111122223333:project/*",
          }),
        ),
        "bedrock-mantle:CreateInference",
      );
    });

    it("passes an ABAC grant: invoke on application-inference-profile/* scoped by aws:ResourceTag/tenant, with the models behind it reached only through a profile", async () => {
      await expectNoViolations(
        policyResource(
          documentOf(
            {
              Effect: "Allow",
              Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
              Resource: "arn:aws:bedrock:*:111122223333:application-inference-profile/*",
              Condition: { StringEquals: { "aws:ResourceTag/tenant": "claims" } },
            },
            {
              Effect: "Allow",
              Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
              Resource: ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*"],
              Condition: {
                ArnLike: {
                  "bedrock:InferenceProfileArn":
                    "arn:aws:bedrock:*:111122223333:application-inference-profile/*",
                },
              },
            },
          ),
        ),
      );
    });

    it("counts Mantle's reservations and fine-tuning, which the spending surface classifies as capacity and customization", async () => {
      for (const action of ["bedrock-mantle:CreateReservation", "bedrock-mantle:CreateFineTuningJob"])
        await expectViolation(
          policyResource(
            documentOf({
              Effect: "Allow",
              Action: action,
              Resource: [
                "arn:aws:bedrock-mantle:us-east-1:111122223333:project/*",
                "arn:aws:bedrock-mantle:us-east-1:111122223333:reservation/*",
              ],
            }),
          ),
          action,
        );
      await expectNoViolations(
        policyResource(
          documentOf({ Effect: "Allow", Action: "bedrock-mantle:GetReservation", Resource: "*" }),
        ),
      );
    });

    it("ships the managed-policy table its generator derives from the devDependencies today", () => {
      assert.deepEqual(managedPolicies, buildManagedPolicyTable());
    });
  });

  describe("grants that mint an escape (bedrock:CreateInferenceProfile)", () => {
    const create = (extra: Record<string, unknown> = {}) => ({
      Effect: "Allow",
      Action: "bedrock:CreateInferenceProfile",
      Resource: "arn:aws:bedrock:*:111122223333:application-inference-profile/*",
      ...extra,
    });
    const requireTags = (value: string) =>
      Object.fromEntries(mandatoryTags.map((key) => [`aws:RequestTag/${key}`, value])) as Record<
        string,
        string
      >;

    it("fails a grant without aws:RequestTag conditions for the mandatory tags", async () => {
      await expectViolation(policyResource(documentOf(create())), "without the mandatory cost tags");
      await expectViolation(
        policyResource(documentOf({ ...create(), Action: "bedrock:*" })),
        "without the mandatory cost tags",
      );
    });

    it("fails conditions that admit a missing or empty tag", async () => {
      await expectViolation(
        policyResource(documentOf(create({ Condition: { StringLike: requireTags("*") } }))),
      );
      await expectViolation(
        policyResource(documentOf(create({ Condition: { StringLikeIfExists: requireTags("?*") } }))),
      );
    });

    it("passes a grant that requires every mandatory tag, or a Deny of requests without one", async () => {
      await expectNoViolations(
        policyResource(documentOf(create({ Condition: { StringLike: requireTags("?*") } }))),
      );
      await expectNoViolations(
        policyResource(
          documentOf(create(), {
            Effect: "Deny",
            Action: "bedrock:CreateInferenceProfile",
            Resource: "*",
            Condition: { Null: requireTags("true") },
          }),
        ),
      );
    });
  });
});
