import { strict as assert } from "node:assert";
import { invokePolicyDocument } from "../../src/components/tenant/invoke-policy";
import { stackConfigSchema } from "../../src/config";
import { modelActions, serviceControlPolicyDocuments } from "../../src/scp/documents";
import { type StackTenant, tenantsForStack } from "../../src/stack-tenants";
import { tenantSchema } from "../../src/tenant";
import {
  type AuthorizationRequest,
  type Decision,
  type Principal,
  accountId,
  decide,
  decideCall,
} from "../helpers/scp-simulation";
import { validTenant } from "../helpers/tenant-fixtures";

/**
 * The evaluation matrix: the generated SCPs together with identity policies, evaluated as
 * IAM evaluates them. A call is the set of checks AWS makes for it (Amazon Bedrock user guide,
 * "Prerequisites for inference profiles"): through a profile, InvokeModel on the profile and on each
 * foundation model it routes to, and for an application profile copied from a system-defined
 * profile also on that system profile, each carrying `bedrock:InferenceProfileArn` = the profile
 * the caller named.
 */
const region = "us-east-1";
const model = "anthropic.claude-3-haiku-20240307-v1:0";
/** Regions the `us` system profile routes to (a subset is enough: every one must be allowed). */
const usRegions = ["us-east-1", "us-east-2", "us-west-2"];
const mandatoryTags = ["tenant", "environment", "dept", "team", "app", "cost-center"];
const deployRoleArn = `arn:aws:iam::${accountId}:role/bedrock-governance-deploy`;
const breakGlassPattern = "arn:aws:iam::*:role/bedrock-governance-break-glass";

const modelArn = (inRegion: string) => `arn:aws:bedrock:${inRegion}::foundation-model/${model}`;
const systemProfileArn = `arn:aws:bedrock:${region}:${accountId}:inference-profile/us.${model}`;
const ownProfileArn = `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/claims0000001`;
const ownCrossRegionProfileArn = `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/claims0000002`;
const otherTenantProfileArn = `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/other0000001`;

const scps = serviceControlPolicyDocuments({
  mandatoryTags,
  exemptRoleArns: [deployRoleArn, breakGlassPattern],
});

/** The claims tenant as the dev stack resolves it, with a single-Region and a cross-Region profile. */
function claimsTenant(): StackTenant {
  const config = stackConfigSchema.parse({
    environment: "dev",
    accounts: { "shared-ai": { accountId, roleArn: deployRoleArn } },
    defaultAccount: "shared-ai",
    billing: { accountId: "123456789012" },
  });
  const definition = tenantSchema.parse(
    validTenant({
      profiles: [
        { name: "chatbot", model },
        { name: "batch", model, crossRegion: "us" },
      ],
    }),
  );
  const { tenants, errors } = tenantsForStack([{ file: "tenants/claims.ts", definition }], config);
  assert.deepEqual(errors, []);
  return tenants[0];
}

const bedrockFullAccess: Principal = {
  arn: `arn:aws:iam::${accountId}:role/data-science`,
  // AmazonBedrockFullAccess's statement "BedrockAll": every Bedrock action on every resource.
  identityPolicies: [
    {
      name: "AmazonBedrockFullAccess",
      policy: {
        Version: "2012-10-17",
        Statement: [{ Sid: "BedrockAll", Effect: "Allow", Action: ["bedrock:*"], Resource: "*" }],
      },
    },
  ],
};
const administrator: Principal = {
  arn: `arn:aws:iam::${accountId}:role/administrator`,
  identityPolicies: [
    {
      name: "AdministratorAccess",
      policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
    },
  ],
};
const tenantWorkload: Principal = {
  arn: `arn:aws:iam::${accountId}:role/claims-api`,
  identityPolicies: [
    {
      name: "claims-dev-bedrock-invoke",
      policy: invokePolicyDocument(claimsTenant(), [ownProfileArn, ownCrossRegionProfileArn]) as object,
    },
  ],
};
const deployRole: Principal = {
  arn: deployRoleArn,
  identityPolicies: [
    {
      name: "bedrock-governance-deploy",
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: [
              "bedrock:CreateInferenceProfile",
              "bedrock:GetInferenceProfile",
              "bedrock:DeleteInferenceProfile",
              "bedrock:TagResource",
              "bedrock:UntagResource",
              "bedrock:ListTagsForResource",
            ],
            Resource: "*",
          },
        ],
      },
    },
  ],
};

const invoke = (
  resource: string,
  profileArn?: string,
  action = "bedrock:InvokeModel",
): AuthorizationRequest => ({
  action,
  resource,
  context: profileArn ? { "bedrock:InferenceProfileArn": profileArn } : {},
});
const directCall = (action?: string) => [invoke(modelArn(region), undefined, action)];
const viaSystemProfile = (action?: string) => [
  invoke(systemProfileArn, systemProfileArn, action),
  ...usRegions.map((inRegion) => invoke(modelArn(inRegion), systemProfileArn, action)),
];
const viaSingleRegionProfile = (profileArn: string, action?: string) => [
  invoke(profileArn, profileArn, action),
  invoke(modelArn(region), profileArn, action),
];
const viaCrossRegionProfile = (profileArn: string, action?: string) => [
  invoke(profileArn, profileArn, action),
  invoke(systemProfileArn, profileArn, action),
  ...usRegions.map((inRegion) => invoke(modelArn(inRegion), profileArn, action)),
];

const tagContext = (tags: Record<string, string>) => ({
  ...Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:RequestTag/${key}`, value])),
  "aws:TagKeys": Object.keys(tags),
});
const allTags = Object.fromEntries(mandatoryTags.map((key) => [key, key === "tenant" ? "claims" : "x"]));
const createProfile = (tags: Record<string, string>): AuthorizationRequest[] => [
  {
    action: "bedrock:CreateInferenceProfile",
    resource: `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/new000000001`,
    context: tagContext(tags),
  },
  { action: "bedrock:CreateInferenceProfile", resource: modelArn(region), context: tagContext(tags) },
];
const untag = (keys: string[]): AuthorizationRequest[] => [
  {
    action: "bedrock:UntagResource",
    resource: ownProfileArn,
    context: { "aws:TagKeys": keys, "aws:ResourceTag/tenant": "claims" },
  },
];
const retag = (tags: Record<string, string>): AuthorizationRequest[] => [
  {
    action: "bedrock:TagResource",
    resource: ownProfileArn,
    context: { ...tagContext(tags), "aws:ResourceTag/tenant": "claims" },
  },
];

describe("service control policies, evaluated with identity policies (iam-simulate)", () => {
  for (const action of modelActions.filter((name) => name.startsWith("bedrock:Invoke"))) {
    describe(action, () => {
      // Each caller's decision on each path to the model; "denied" is any refusal, explicit or implicit.
      const paths = {
        "direct model call": directCall(action),
        "system-profile call": viaSystemProfile(action),
        "own application-profile call": viaSingleRegionProfile(ownProfileArn, action),
        "own cross-Region application-profile call": viaCrossRegionProfile(ownCrossRegionProfileArn, action),
        "another tenant's application-profile call": viaSingleRegionProfile(otherTenantProfileArn, action),
      };
      const broadCaller = {
        "direct model call": "ExplicitlyDenied",
        "system-profile call": "ExplicitlyDenied",
        "own application-profile call": "Allowed",
        "own cross-Region application-profile call": "Allowed",
      } as const;
      const callers: Array<[string, Principal, Partial<Record<keyof typeof paths, Decision | "denied">>]> = [
        ["a role holding AmazonBedrockFullAccess", bedrockFullAccess, broadCaller],
        ["an administrator", administrator, broadCaller],
        [
          "a tenant workload with its invoke policy",
          tenantWorkload,
          {
            "direct model call": "ExplicitlyDenied",
            "system-profile call": "ExplicitlyDenied",
            "own application-profile call": "Allowed",
            "another tenant's application-profile call": "denied",
          },
        ],
      ];
      for (const [who, principal, expected] of callers) {
        const says = Object.entries(expected).map(([path, decision]) => `${path} ${decision}`);
        it(`${who}: ${says.join(", ")}`, async () => {
          for (const [path, decision] of Object.entries(expected)) {
            const actual = await decideCall(principal, paths[path as keyof typeof paths], scps);
            if (decision === "denied") assert.notEqual(actual, "Allowed", path);
            else assert.equal(actual, decision, path);
          }
        });
      }

      it("the SCPs deny no check of a tenant's call through its cross-Region application profile", async () => {
        // Whether the invoke policy itself grants the system-profile hop is the environment stack's
        // concern (issue 11); what the SCPs must never do is deny any hop of this path.
        for (const check of viaCrossRegionProfile(ownCrossRegionProfileArn, action))
          assert.notEqual(await decide(tenantWorkload, check, scps), "ExplicitlyDenied", check.resource);
      });
    });
  }

  it("denies batch inference (CreateModelInvocationJob) on a model outside an application profile", async () => {
    assert.ok(modelActions.includes("bedrock:CreateModelInvocationJob"));
    assert.equal(
      await decideCall(administrator, directCall("bedrock:CreateModelInvocationJob"), scps),
      "ExplicitlyDenied",
    );
  });

  describe("the other spending paths of the spending surface", () => {
    const project = `arn:aws:bedrock-mantle:${region}:${accountId}:project/default`;
    const reservation = `arn:aws:bedrock-mantle:${region}:${accountId}:reservation/r1`;

    it("closes Mantle's inference, reservations and fine-tuning to every principal but the deploy and break-glass roles", async () => {
      for (const principal of [administrator, bedrockFullAccess]) {
        for (const [action, resource] of [
          ["bedrock-mantle:CreateInference", project],
          ["bedrock-mantle:CreateReservation", reservation],
          ["bedrock-mantle:CreateFineTuningJob", project],
        ])
          assert.notEqual(await decideCall(principal, [{ action, resource }], scps), "Allowed", action);
      }
      assert.equal(
        await decideCall(
          administrator,
          [{ action: "bedrock-mantle:CreateInference", resource: project }],
          scps,
        ),
        "ExplicitlyDenied",
      );
    });

    it("lets only the deploy and break-glass roles run evaluation and prompt-optimization jobs on models", async () => {
      for (const action of ["bedrock:CreateEvaluationJob", "bedrock:CreateAdvancedPromptOptimizationJob"])
        assert.equal(await decideCall(administrator, directCall(action), scps), "ExplicitlyDenied", action);
      const deployAdmin: Principal = { arn: deployRoleArn, identityPolicies: administrator.identityPolicies };
      assert.equal(await decideCall(deployAdmin, directCall("bedrock:CreateEvaluationJob"), scps), "Allowed");
    });

    it("buys provisioned throughput and customizes models only with every mandatory request tag", async () => {
      for (const action of [
        "bedrock:CreateProvisionedModelThroughput",
        "bedrock:CreateModelCustomizationJob",
      ]) {
        const call = (tags: Record<string, string>) => [
          { action, resource: modelArn(region), context: tagContext(tags) },
        ];
        const { "cost-center": _left, ...withoutCostCenter } = allTags;
        assert.equal(
          await decideCall(administrator, call(withoutCostCenter), scps),
          "ExplicitlyDenied",
          action,
        );
        assert.equal(await decideCall(administrator, call(allTags), scps), "Allowed", action);
      }
    });

    it("invokes provisioned, imported and custom-deployed models only when they carry every mandatory tag", async () => {
      const resourceTags = (tags: Record<string, string>) =>
        Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:ResourceTag/${key}`, value]));
      for (const resource of [
        `arn:aws:bedrock:${region}:${accountId}:provisioned-model/abcdefghijkl`,
        `arn:aws:bedrock:${region}:${accountId}:imported-model/abcdefghijkl`,
        `arn:aws:bedrock:${region}:${accountId}:custom-model-deployment/abcdefghijkl`,
      ]) {
        const call = (tags: Record<string, string>) => [
          { action: "bedrock:InvokeModel", resource, context: resourceTags(tags) },
        ];
        assert.equal(
          await decideCall(administrator, call({ tenant: "claims" }), scps),
          "ExplicitlyDenied",
          resource,
        );
        assert.equal(await decideCall(administrator, call(allTags), scps), "Allowed", resource);
      }
    });

    it("keeps a call through an application profile copied from a global. profile allowed", async () => {
      const globalProfile = `arn:aws:bedrock:${region}:${accountId}:inference-profile/global.${model}`;
      const checks = [
        invoke(ownCrossRegionProfileArn, ownCrossRegionProfileArn),
        invoke(globalProfile, ownCrossRegionProfileArn),
        // Global profiles route to any commercial Region (iam-simulate refuses a Region-less
        // model ARN, so the Regions stand in for it; the Deny's own pattern is region-wildcarded).
        ...usRegions.map((inRegion) => invoke(modelArn(inRegion), ownCrossRegionProfileArn)),
      ];
      assert.equal(await decideCall(administrator, checks, scps), "Allowed");
      assert.equal(
        await decideCall(administrator, [invoke(globalProfile, globalProfile)], scps),
        "ExplicitlyDenied",
      );
    });
  });

  describe("cost tags", () => {
    for (const key of mandatoryTags) {
      it(`denies creating a profile without "${key}" to everyone but the deploy role`, async () => {
        const { [key]: _left, ...withoutKey } = allTags;
        for (const principal of [administrator, bedrockFullAccess])
          assert.equal(
            await decideCall(principal, createProfile(withoutKey), scps),
            "ExplicitlyDenied",
            principal.arn,
          );
        assert.equal(await decideCall(deployRole, createProfile(withoutKey), scps), "Allowed");
      });
    }

    it("denies creating a profile, even one carrying every mandatory tag, to everyone but the deploy and break-glass roles", async () => {
      // Tag values are not checkable by an SCP: a profile tagged tenant=claims by anyone would
      // spend claims' budget, so only the roles that deploy tenant files create profiles.
      assert.equal(await decideCall(administrator, createProfile(allTags), scps), "ExplicitlyDenied");
      assert.equal(await decideCall(deployRole, createProfile(allTags), scps), "Allowed");
    });

    it("denies tagging an untagged profile with a tenant to everyone but the deploy and break-glass roles", async () => {
      const tagUntagged: AuthorizationRequest = {
        action: "bedrock:TagResource",
        resource: otherTenantProfileArn,
        context: tagContext({ tenant: "claims" }),
      };
      assert.equal(await decideCall(administrator, [tagUntagged], scps), "ExplicitlyDenied");
      assert.equal(await decideCall(deployRole, [tagUntagged], scps), "Allowed");
    });

    it("denies removing a mandatory tag, and changing tenant or environment, to everyone but the deploy and break-glass roles", async () => {
      for (const principal of [administrator, bedrockFullAccess]) {
        assert.equal(await decideCall(principal, untag(["cost-center"]), scps), "ExplicitlyDenied");
        assert.equal(await decideCall(principal, retag({ tenant: "other" }), scps), "ExplicitlyDenied");
        assert.equal(await decideCall(principal, retag({ environment: "prod" }), scps), "ExplicitlyDenied");
        assert.equal(await decideCall(principal, untag(["scratch"]), scps), "Allowed");
        assert.equal(await decideCall(principal, retag({ team: "new-team" }), scps), "Allowed");
      }
      const breakGlass: Principal = {
        arn: `arn:aws:iam::${accountId}:role/bedrock-governance-break-glass`,
        identityPolicies: administrator.identityPolicies,
      };
      assert.equal(await decideCall(breakGlass, untag(["tenant"]), scps), "Allowed");
      assert.equal(await decideCall(breakGlass, retag({ tenant: "other" }), scps), "Allowed");
    });
  });

  describe("no self-lockout", () => {
    const deployRoleCalls: Array<[string, AuthorizationRequest[]]> = [
      ["create a tagged profile", createProfile(allTags)],
      ["retag tenant and environment", retag({ tenant: "claims", environment: "dev" })],
      ["remove a mandatory tag", untag(["dept"])],
      ["delete a profile", [{ action: "bedrock:DeleteInferenceProfile", resource: ownProfileArn }]],
    ];

    it("the deploy role can still create, retag, untag and delete profiles", async () => {
      for (const [what, checks] of deployRoleCalls)
        assert.equal(await decideCall(deployRole, checks, scps), "Allowed", what);
    });

    it("the same calls are denied when the SCPs leave the deploy role out: the test above would see a lockout", async () => {
      const withoutDeployRole = serviceControlPolicyDocuments({
        mandatoryTags,
        exemptRoleArns: [breakGlassPattern],
      });
      assert.equal(
        await decideCall(deployRole, createProfile({ tenant: "claims" }), withoutDeployRole),
        "ExplicitlyDenied",
      );
      assert.equal(await decideCall(deployRole, untag(["dept"]), withoutDeployRole), "ExplicitlyDenied");
      assert.equal(
        await decideCall(deployRole, retag({ tenant: "other" }), withoutDeployRole),
        "ExplicitlyDenied",
      );
    });
  });
});
