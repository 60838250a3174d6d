import { mandatoryTagsSetting } from "../lib/config";
import { scpClosesModelPaths } from "../rules/scp-closes-model-paths";
import { scpDeployRoleNotLockedOut } from "../rules/scp-deploy-role-not-locked-out";
import { type ResourceSpec, UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks, stackPolicyChecks } from "./helpers/policy-checks";

const deployRoleArn = "arn:aws:iam::111122223333:role/bedrock-governance-deploy";
const exempt = { ArnNotLike: { "aws:PrincipalArn": [deployRoleArn] } };
const applicationProfiles = "arn:*:bedrock:*:*:application-inference-profile/*";
/**
 * The three SCPs in the shape the org stack generates them (src/scp/documents.ts; the pack's tests
 * do not import the program, and test/integration/check-cli.test.ts judges the generated ones).
 */
const generated = [
  {
    name: "bedrock-invoke-through-application-profiles",
    statements: [
      {
        Sid: "DenyModelUseOutsideApplicationProfiles",
        Effect: "Deny",
        Action: [
          "bedrock:CreateModelInvocationJob",
          "bedrock:InvokeModel",
          "bedrock:InvokeModelWithResponseStream",
        ],
        Resource: ["arn:*:bedrock:*::foundation-model/*", "arn:*:bedrock:*:*:inference-profile/*"],
        Condition: { ArnNotLike: { "bedrock:InferenceProfileArn": applicationProfiles } },
      },
    ],
  },
  {
    name: "bedrock-profiles-carry-cost-tags",
    statements: mandatoryTagsSetting.schema.default.map((key) => ({
      Sid: `RequireTag${key}`,
      Effect: "Deny",
      Action: "bedrock:CreateInferenceProfile",
      Resource: "*",
      Condition: { Null: { [`aws:RequestTag/${key}`]: "true" }, ...exempt },
    })),
  },
  {
    name: "bedrock-profile-cost-tags-locked",
    statements: [
      {
        Sid: "DenyRemovingMandatoryTags",
        Effect: "Deny",
        Action: "bedrock:UntagResource",
        Resource: applicationProfiles,
        Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["tenant", "environment"] }, ...exempt },
      },
      {
        Sid: "DenyChangingTenantOrEnvironment",
        Effect: "Deny",
        Action: "bedrock:TagResource",
        Resource: applicationProfiles,
        Condition: {
          "ForAnyValue:StringEquals": { "aws:TagKeys": ["tenant", "environment"] },
          Null: { "aws:ResourceTag/tenant": "false" },
          ...exempt,
        },
      },
    ],
  },
].map(({ name, statements }) => ({
  name,
  content: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
}));

type Document = { Version: string; Statement: Array<Record<string, unknown>> };
const documentOf = (name: string): Document =>
  JSON.parse(generated.find((scp) => scp.name === name)!.content) as Document;

const scp = (name: string, content: unknown): ResourceSpec => ({
  type: "aws:organizations/policy:Policy",
  name,
  urn: `urn:pulumi:org::bedrock-cost-governance::aws:organizations/policy:Policy::${name}`,
  props: {
    name,
    type: "SERVICE_CONTROL_POLICY",
    content: typeof content === "string" ? content : JSON.stringify(content),
  },
});
const attachment = (policy: ResourceSpec): ResourceSpec => ({
  type: "aws:organizations/policyAttachment:PolicyAttachment",
  name: `${policy.name}-ou`,
  props: { policyId: "p-12345678", targetId: "ou-exam-12345678" },
  propertyDependencies: { policyId: [policy.urn!] },
  dependencies: [policy.urn!],
});

describe("#scp-deploy-role-not-locked-out", () => {
  const { expectNoViolations, expectViolation, expectNotApplicable } =
    resourcePolicyChecks(scpDeployRoleNotLockedOut);

  it("passes every SCP the org stack generates", async () => {
    for (const policy of generated) await expectNoViolations(scp(policy.name, policy.content));
    await expectNoViolations(scp(generated[2].name, generated[2].content), {
      config: { deployRoleArns: [deployRoleArn] },
    });
  });

  it("fails a Deny on untagging that spares no principal", async () => {
    const document = documentOf("bedrock-profile-cost-tags-locked");
    delete (document.Statement[0].Condition as Record<string, unknown>).ArnNotLike;
    await expectViolation(
      scp("locked", document),
      /statement 1 \("DenyRemovingMandatoryTags"\) denies bedrock:UntagResource to the deploy role: it has no aws:PrincipalArn exemption/,
    );
  });

  it("fails an exemption that leaves out a configured deploy role", async () => {
    await expectViolation(
      scp("locked", generated[2].content),
      "does not spare arn:aws:iam::444455556666:role/bedrock-governance-deploy",
      {
        config: {
          deployRoleArns: [deployRoleArn, "arn:aws:iam::444455556666:role/bedrock-governance-deploy"],
        },
      },
    );
  });

  it("fails a blanket Deny on bedrock:*, and accepts a Deny only on a missing mandatory tag", async () => {
    await expectViolation(
      scp("all", {
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: "bedrock:*", Resource: "*" }],
      }),
      "denies bedrock:CreateInferenceProfile",
    );
    await expectNoViolations(
      scp("tags", {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Action: "bedrock:CreateInferenceProfile",
            Resource: "*",
            Condition: { Null: { "aws:RequestTag/tenant": "true" } },
          },
        ],
      }),
    );
  });

  it("judges only service control policies, and not while the content is unknown", async () => {
    await expectNoViolations({
      ...scp("unknown", ""),
      props: { type: "SERVICE_CONTROL_POLICY", content: UNKNOWN },
    });
    await expectNoViolations({ ...scp("tagging", ""), props: { type: "TAG_POLICY", content: "{}" } });
    await expectNotApplicable({ type: "aws:iam/policy:Policy", props: { policy: "{}" } });
  });
});

describe("#scp-closes-model-paths", () => {
  const { expectNoViolations, expectViolation } = stackPolicyChecks(scpClosesModelPaths);
  const invoke = scp(generated[0].name, generated[0].content);
  const others = generated.slice(1).map((policy) => scp(policy.name, policy.content));

  it("passes the generated SCPs attached to a target", async () => {
    await expectNoViolations([
      invoke,
      attachment(invoke),
      ...others.flatMap((other) => [other, attachment(other)]),
    ]);
  });

  it("fails a tag SCP that puts every aws:RequestTag key in one Null block, or none attached", async () => {
    const keys = ["tenant", "environment", "dept", "team", "app", "cost-center"];
    const grouped = scp("grouped-tags", {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Action: "bedrock:CreateInferenceProfile",
          Resource: "*",
          Condition: { Null: Object.fromEntries(keys.map((key) => [`aws:RequestTag/${key}`, "true"])) },
        },
      ],
    });
    await expectViolation(
      [invoke, attachment(invoke), grouped, attachment(grouped)],
      "aws:RequestTag/tenant is missing on its own: keys in one Null block are ANDed",
    );
    await expectViolation([invoke, attachment(invoke), ...others], "aws:RequestTag/cost-center is missing");
  });

  it("passes a stack without SCPs (the org stack's switch is off)", async () => {
    await expectNoViolations([
      {
        type: "aws:costexplorer/costAllocationTag:CostAllocationTag",
        props: { tagKey: "tenant", status: "Active" },
      },
    ]);
  });

  it("fails when the invoke SCP is not attached", async () => {
    await expectViolation(
      [invoke, ...others],
      'The SCP "bedrock-invoke-through-application-profiles" closes the paths around application profiles for bedrock:InvokeModel, but no PolicyAttachment attaches it',
    );
  });

  it("fails a Deny that misses an action, the system profiles, or is narrowed by another condition", async () => {
    const variants: Array<[string, (statement: Record<string, unknown>) => void, string]> = [
      [
        "no batch",
        (statement) => (statement.Action = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]),
        "bedrock:CreateModelInvocationJob",
      ],
      [
        "models only",
        (statement) => (statement.Resource = "arn:*:bedrock:*::foundation-model/*"),
        "bedrock:InvokeModel",
      ],
      [
        "principal exemption",
        (statement) =>
          ((statement.Condition as Record<string, unknown>).ArnNotLike = {
            "bedrock:InferenceProfileArn": "arn:*:bedrock:*:*:application-inference-profile/*",
            "aws:PrincipalArn": deployRoleArn,
          }),
        "bedrock:InvokeModel",
      ],
      [
        "system profiles admitted",
        (statement) =>
          (statement.Condition = {
            ArnNotLike: { "bedrock:InferenceProfileArn": "arn:*:bedrock:*:*:*inference-profile/*" },
          }),
        "bedrock:InvokeModel",
      ],
      [
        "positive operator",
        (statement) =>
          (statement.Condition = {
            ArnLike: { "bedrock:InferenceProfileArn": "arn:*:bedrock:*:*:application-inference-profile/*" },
          }),
        "bedrock:InvokeModel",
      ],
    ];
    for (const [label, change, action] of variants) {
      const document = documentOf("bedrock-invoke-through-application-profiles");
      change(document.Statement[0]);
      const broken = scp("broken", document);
      await expectViolation(
        [broken, attachment(broken), ...others],
        `No SCP of this stack denies ${action} on foundation models`,
      ).catch((error: Error) => {
        throw new Error(`${label}: ${error.message}`);
      });
    }
  });
});
