/**
 * Robustness: a policy that throws fails the Analyzer call, and with it every `pulumi up` in the
 * organisation. Random resource properties, random and mutated IAM documents and random stacks
 * must never make a policy throw (the helper turns a rule's internal error back into a throw).
 */
import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import fc from "fast-check";
import { bedrockInvokeThroughProfiles } from "../bedrock-invoke-through-profiles";
import { bedrockProfileCostTags } from "../bedrock-profile-cost-tags";
import { bedrockProfileModelSource } from "../bedrock-profile-model-source";
import { budgetNotifications } from "../budget-notifications";
import { costAllocationTagsActive } from "../cost-allocation-tags-active";
import { prodProfilesProtected } from "../prod-profiles-protected";
import { profileUsageAlarm } from "../profile-usage-alarm";
import { tenantBudgetCoverage } from "../tenant-budget-coverage";
import { workloadsReferenceProfiles } from "../workloads-reference-profiles";
import { bedrockProvisionedThroughputCostTags } from "../bedrock-provisioned-throughput-cost-tags";
import { bedrockResourcesUseProfiles } from "../bedrock-resources-use-profiles";
import { scpClosesModelPaths } from "../scp-closes-model-paths";
import { scpDeployRoleNotLockedOut } from "../scp-deploy-role-not-locked-out";
import { scpTypes } from "../lib/scp";
import {
  alarmTypes,
  budgetTypes,
  iamDocumentTypes,
  modelNamingTypes,
  profileTypes,
  types,
  workloadTypes,
} from "../lib/resource-types";
import {
  type ResourceSpec,
  UNKNOWN,
  resourceArgs,
  runResourcePolicy,
  runStackPolicy,
  stackArgs,
  urnOf,
} from "./helpers/policy-args";

/** Each resource policy with the types it judges (most runs go there; the rest are any type). */
const resourcePolicies: Array<[ResourceValidationPolicy, readonly string[]]> = [
  [bedrockProfileCostTags, profileTypes],
  [bedrockProfileModelSource, profileTypes],
  [bedrockInvokeThroughProfiles, iamDocumentTypes],
  [workloadsReferenceProfiles, workloadTypes],
  [budgetNotifications, budgetTypes],
  [prodProfilesProtected, profileTypes],
  [bedrockResourcesUseProfiles, modelNamingTypes],
  [bedrockProvisionedThroughputCostTags, [types.provisionedThroughput]],
  [scpDeployRoleNotLockedOut, [scpTypes.policy]],
];
const stackPolicies: StackValidationPolicy[] = [
  tenantBudgetCoverage,
  profileUsageAlarm,
  costAllocationTagsActive,
  scpClosesModelPaths,
];
const judgedTypes = [
  ...profileTypes,
  ...iamDocumentTypes,
  ...workloadTypes,
  ...budgetTypes,
  ...alarmTypes,
  types.costAllocationTag,
  scpTypes.policy,
  scpTypes.attachment,
  "aws:s3/bucket:Bucket",
];
const runs = { numRuns: 300 };

const interesting = fc.constantFrom(
  UNKNOWN,
  "",
  "*",
  "__proto__",
  "constructor",
  "Allow",
  "Deny",
  "SERVICE_CONTROL_POLICY",
  "COST",
  "ACTUAL",
  "AWS/Bedrock",
  "bedrock:InvokeModel",
  "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
  "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0",
  "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdef123456",
  "anthropic.claude-3-haiku-20240307-v1:0",
  "tenant",
  "prod",
  '{"tags":{"tenant":"claims"}}',
  "{not json",
);

/** JSON values seeded with the strings the policies look for, unknown sentinels included. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    interesting,
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        "tags",
        "policy",
        "Statement",
        "Action",
        "Resource",
        "Condition",
        "key",
        "value",
        "modelSource",
        "copyFrom",
        "notifications",
        "dimensions",
        "ModelId",
        "environment",
        "variables",
        "defaultTags",
        "budget",
      ),
    ),
    tie("value"),
    { maxKeys: 5 },
  ),
})).value;

const props = fc.dictionary(
  fc.constantFrom(
    "tags",
    "tagsAll",
    "modelSource",
    "policy",
    "policyDocument",
    "inlinePolicies",
    "policies",
    "environment",
    "containerDefinitions",
    "type",
    "value",
    "budgetType",
    "limitAmount",
    "limitUnit",
    "notifications",
    "costFilters",
    "filterExpression",
    "budget",
    "notificationsWithSubscribers",
    "namespace",
    "dimensions",
    "metricQueries",
    "metrics",
    "alarmActions",
    "arn",
    "tagKey",
    "status",
    "plannedLimits",
  ),
  value,
  { maxKeys: 8 },
);

const spec = (type: fc.Arbitrary<string>): fc.Arbitrary<ResourceSpec> =>
  fc.record({
    type,
    props,
    name: fc.string({ minLength: 1, maxLength: 12 }),
    protect: fc.boolean(),
    provider: fc.option(
      fc.record({
        props: fc.record({
          defaultTags: fc.oneof(
            value,
            value.map((v) => JSON.stringify(v) ?? "null"),
          ),
        }),
      }),
      { nil: undefined },
    ),
  });

const statement = fc.record(
  {
    Sid: fc.oneof(fc.string(), value),
    Effect: fc.oneof(fc.constantFrom("Allow", "Deny", "allow", "DENY", "Permit", UNKNOWN), value),
    Action: fc.oneof(
      fc.constantFrom(
        "bedrock:*",
        "bedrock:Invoke*",
        "*",
        "BEDROCK:INVOKEMODEL",
        "bedrock:Invoke?odel",
        "s3:*",
      ),
      fc.array(fc.string({ maxLength: 24 }), { maxLength: 3 }),
      value,
    ),
    NotAction: value,
    Resource: fc.oneof(
      fc.constantFrom(
        "*",
        "arn:aws:bedrock:*::foundation-model/*",
        "arn:aws:bedrock:*:*:application-inference-profile/*",
        "arn:*",
      ),
      fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
      value,
    ),
    NotResource: value,
    Condition: fc.oneof(
      fc.record({ [`${"StringEquals"}`]: fc.record({ "bedrock:InferenceProfileArn": value }) }),
      fc.dictionary(
        fc.constantFrom(
          "StringEquals",
          "ArnLike",
          "StringLikeIfExists",
          "ForAllValues:StringEquals",
          "Null",
          "foranyvalue:stringlike",
        ),
        fc.dictionary(
          fc.constantFrom("bedrock:InferenceProfileArn", "BEDROCK:inferenceprofilearn", "aws:SourceIp"),
          value,
          { maxKeys: 2 },
        ),
        { maxKeys: 2 },
      ),
      value,
    ),
  },
  { requiredKeys: [] },
);

const document = fc.record(
  {
    Version: fc.constant("2012-10-17"),
    Statement: fc.oneof(statement, fc.array(statement, { maxLength: 5 }), value),
  },
  { requiredKeys: [] },
);

/** A JSON document string, then cut, spliced or with a character replaced. */
const mutatedText = fc
  .tuple(
    document.map((d) => JSON.stringify(d)),
    fc.nat(),
    fc.nat(),
    fc.string({ maxLength: 3 }),
  )
  .map(([text, at, length, insert]) => {
    const position = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, position) + insert + text.slice(position + (length % 4));
  });

const config = fc.dictionary(
  fc.constantFrom(
    "mandatoryTags",
    "allowedValues",
    "allowedModels",
    "invokeActions",
    "modelProviders",
    "currency",
    "maxThresholdPercent",
    "tenantTagKey",
    "namespace",
    "dimension",
    "protectedEnvironments",
    "environmentTagKey",
  ),
  value,
  { maxKeys: 3 },
);

describe("policy pack robustness (property-based)", () => {
  for (const [policy, ownTypes] of resourcePolicies) {
    it(`${policy.name} never throws on random properties, providers and config`, async () => {
      const type = fc.oneof(
        { arbitrary: fc.constantFrom(...ownTypes), weight: 4 },
        { arbitrary: fc.constantFrom(...judgedTypes), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(spec(type), config, async (resource, settings) => {
          const outcome = await runResourcePolicy(
            policy,
            resourceArgs(policy, resource, { config: settings }),
          );
          assert.equal(
            outcome.previewUnknown,
            undefined,
            "an unknown value must be read as data, not reach the SDK's proxy error",
          );
        }),
        runs,
      );
    });
  }

  it("bedrock-invoke-through-profiles never throws on random or mutated documents, as strings or objects", async () => {
    const policy = bedrockInvokeThroughProfiles;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          document,
          document.map((d) => JSON.stringify(d)),
          mutatedText,
        ),
        fc.constantFrom(...iamDocumentTypes),
        async (policyDocument, type) => {
          const resourceProps = type.includes("aws-native")
            ? { policyDocument, policies: [{ policyName: "p", policyDocument }] }
            : { policy: policyDocument, inlinePolicies: [{ name: "p", policy: policyDocument }] };
          await runResourcePolicy(policy, resourceArgs(policy, { type, props: resourceProps }));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a statement conditioned on application profile ARNs never violates, whatever its actions and resources", async () => {
    const policy = bedrockInvokeThroughProfiles;
    const profileArn = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdef123456";
    await fc.assert(
      fc.asyncProperty(statement, async (random) => {
        const conditioned = {
          ...random,
          Effect: "Allow",
          Condition: { StringEquals: { "bedrock:InferenceProfileArn": [profileArn] } },
        };
        const outcome = await runResourcePolicy(
          policy,
          resourceArgs(policy, {
            type: types.iamPolicy,
            props: { policy: JSON.stringify({ Statement: [conditioned] }) },
          }),
        );
        assert.deepEqual(outcome.violations, []);
      }),
      runs,
    );
  });

  it("adding a Deny statement never adds a violation", async () => {
    const policy = bedrockInvokeThroughProfiles;
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { maxLength: 4 }), statement, async (statements, extra) => {
        const judge = async (list: unknown[]) =>
          (
            await runResourcePolicy(
              policy,
              resourceArgs(policy, { type: types.iamPolicy, props: { policy: { Statement: list } } }),
            )
          ).violations.length;
        const deny = { ...extra, Effect: "Deny" };
        assert.ok((await judge([...statements, deny])) <= (await judge(statements)));
      }),
      runs,
    );
  });

  for (const policy of stackPolicies) {
    it(`${policy.name} never throws on random stacks with random dependencies`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(spec(fc.constantFrom(...judgedTypes)), { maxLength: 12 }),
          fc.array(
            fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("dimensions", "costFilters", "metricQueries")),
            { maxLength: 6 },
          ),
          config,
          async (resources, links, settings) => {
            const named = resources.map((resource, index) => ({ ...resource, name: `r${index}` }));
            for (const [from, to, property] of links) {
              if (named.length === 0) break;
              const source = named[from % named.length];
              source.propertyDependencies = {
                ...source.propertyDependencies,
                [property]: [urnOf(named[to % named.length]), "urn:pulumi:test::x::missing::gone"],
              };
              source.dependencies = [urnOf(named[to % named.length])];
            }
            const outcome = await runStackPolicy(policy, stackArgs(policy, named, { config: settings }));
            assert.equal(outcome.previewUnknown, undefined);
          },
        ),
        runs,
      );
    });
  }
});
