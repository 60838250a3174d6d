import { strict as assert } from "node:assert";
import * as path from "node:path";
import { accountProfileName } from "../../src/aws-profiles";
import { specByType } from "../../src/aws-resource-specs";
import type { PlannedResource } from "../../tools/check/plan/planned-resource";
import {
  type RegisteredResources,
  planStack,
  planStackFailure,
  providerSettings,
  plaintext,
  statedTenantChildTypes,
  types,
} from "../helpers/program";
import { TenantFixture, validTenant } from "../helpers/tenant-fixtures";

/*
 * The real program (index.ts) with the fixture tenants (test/fixtures/tenants) and the stack files,
 * under AWS-shaped mocks. What every tenant must become is spelled out below from the tenant files
 * and Pulumi.<stack>.yaml, so each assertion compares the plan with values a reader can check by hand.
 */

type StackName = "dev" | "prod";

interface ShippedProfile {
  name: string;
  model: string;
  crossRegion?: "us";
}

/** A tenant's budget and notification settings in one stack. */
interface TenantSettings {
  monthlyUsd: number;
  alertAtPercent: number[];
  forecastAtPercent: number;
  emails: string[];
  snsTopicArns: string[];
  workloadRoles: string[];
  deny: boolean;
}

interface StackTenantExpectation extends TenantSettings {
  /** Per profile: invocations a minute, estimated USD a day, throttles per 5 minutes, and the USD per 1M input/output tokens. */
  alarms: Record<
    string,
    { invocations: number; usdPerDay: number; throttles: number; price: [number, number] }
  >;
}

const salesOncall = "arn:aws:sns:us-east-1:111122223333:sales-oncall";

/**
 * What the tenant files say, whatever the stack; `settings` are their top-level budget and notify
 * values, which a stack keeps unless the file's `environments.<stack>` overrides them.
 */
const shipped: Record<
  string,
  { account: string; tags: Record<string, string>; profiles: ShippedProfile[]; settings: TenantSettings }
> = {
  claims: {
    account: "claims-ai",
    tags: { dept: "claims", team: "automation", app: "claims_chatbot", "cost-center": "CC-4100" },
    profiles: [{ name: "chatbot", model: "anthropic.claude-3-haiku-20240307-v1:0" }],
    settings: {
      monthlyUsd: 2500,
      alertAtPercent: [50, 80, 100],
      forecastAtPercent: 100,
      emails: ["claims-automation@insurer.test", "finops@insurer.test"],
      snsTopicArns: [],
      workloadRoles: [],
      deny: false,
    },
  },
  "policy-recommendations": {
    account: "shared-ai",
    tags: {
      dept: "underwriting",
      team: "digital-broker",
      app: "policy_recs_api",
      "cost-center": "CC-3150",
    },
    profiles: [
      { name: "recommender", model: "anthropic.claude-sonnet-4-20250514-v1:0", crossRegion: "us" },
      { name: "summarizer", model: "amazon.nova-micro-v1:0" },
    ],
    settings: {
      monthlyUsd: 4000,
      alertAtPercent: [50, 80, 100],
      forecastAtPercent: 100,
      emails: ["digital-broker@insurer.test"],
      snsTopicArns: [],
      workloadRoles: ["policy-recs-api"],
      deny: true,
    },
  },
  "risk-assessment": {
    account: "claims-ai",
    tags: { dept: "risk", team: "actuarial-ml", app: "risk_scoring", "cost-center": "CC-5200" },
    profiles: [{ name: "scoring", model: "anthropic.claude-3-5-sonnet-20240620-v1:0", crossRegion: "us" }],
    settings: {
      monthlyUsd: 6000,
      alertAtPercent: [50, 80, 100],
      forecastAtPercent: 100,
      emails: ["risk-ml@insurer.test"],
      snsTopicArns: [],
      workloadRoles: [],
      deny: false,
    },
  },
  "sales-support": {
    account: "shared-ai",
    tags: { dept: "sales", team: "support", app: "chat_app", "cost-center": "CC-2300" },
    profiles: [{ name: "assistant", model: "amazon.nova-lite-v1:0" }],
    settings: {
      monthlyUsd: 10000,
      alertAtPercent: [50, 75, 90, 100],
      forecastAtPercent: 110,
      emails: ["sales-support-leads@insurer.test"],
      snsTopicArns: [salesOncall],
      workloadRoles: [],
      deny: false,
    },
  },
  underwriting: {
    account: "shared-ai",
    tags: { dept: "underwriting", team: "commercial-lines", app: "uw_assistant", "cost-center": "CC-3100" },
    profiles: [{ name: "assistant", model: "amazon.nova-pro-v1:0", crossRegion: "us" }],
    settings: {
      monthlyUsd: 1500,
      alertAtPercent: [80, 100],
      forecastAtPercent: 100,
      emails: ["uw-assistant@insurer.test"],
      snsTopicArns: [],
      workloadRoles: [],
      deny: false,
    },
  },
};

/**
 * A tenant in one stack: its file's settings with that stack's overrides (written out at each call,
 * so the table below still shows every value that differs from the file), and the alarm
 * thresholds those settings give.
 */
function inStack(
  tenant: string,
  alarms: StackTenantExpectation["alarms"],
  overrides: Partial<TenantSettings> = {},
): StackTenantExpectation {
  return { ...shipped[tenant].settings, ...overrides, alarms };
}

/**
 * What each stack makes of the tenants. Default alarm thresholds follow `defaultAlarms`: ten times
 * the calls a minute the budget buys at an even pace (a call = 2,000 input + 500 output tokens),
 * at least 10, and twice monthlyUsd/30 a day.
 */
const stacks: Record<
  StackName,
  {
    accounts: Record<string, { accountId: string; region: string; roleArn: string }>;
    tenants: Record<string, StackTenantExpectation>;
  }
> = {
  dev: {
    accounts: {
      "shared-ai": {
        accountId: "111122223333",
        region: "us-east-1",
        roleArn: "arn:aws:iam::111122223333:role/bedrock-governance-deploy",
      },
      "claims-ai": {
        accountId: "444455556666",
        region: "us-east-1",
        roleArn: "arn:aws:iam::444455556666:role/bedrock-governance-deploy",
      },
    },
    tenants: {
      claims: inStack(
        "claims",
        { chatbot: { invocations: 62, usdPerDay: 20, throttles: 20, price: [0.25, 1.25] } },
        { monthlyUsd: 300 },
      ),
      "policy-recommendations": inStack(
        "policy-recommendations",
        {
          recommender: { invocations: 10, usdPerDay: 26.67, throttles: 10, price: [3, 15] },
          summarizer: { invocations: 662, usdPerDay: 26.67, throttles: 10, price: [0.035, 0.14] },
        },
        { monthlyUsd: 400, workloadRoles: ["policy-recs-api-dev"] },
      ),
      "risk-assessment": inStack("risk-assessment", {
        scoring: { invocations: 400, usdPerDay: 400, throttles: 10, price: [3, 15] },
      }),
      "sales-support": inStack(
        "sales-support",
        { assistant: { invocations: 965, usdPerDay: 66.67, throttles: 10, price: [0.06, 0.24] } },
        // dev replaces notify: its own address, and no on-call topic.
        { monthlyUsd: 1000, emails: ["sales-support-dev@insurer.test"], snsTopicArns: [] },
      ),
    },
  },
  prod: {
    accounts: {
      "shared-ai": {
        accountId: "777788889999",
        region: "us-east-1",
        roleArn: "arn:aws:iam::777788889999:role/bedrock-governance-deploy",
      },
      "claims-ai": {
        accountId: "012345678901",
        region: "us-west-2",
        roleArn: "arn:aws:iam::012345678901:role/bedrock-governance-deploy",
      },
    },
    tenants: {
      claims: inStack("claims", {
        chatbot: { invocations: 515, usdPerDay: 166.67, throttles: 20, price: [0.25, 1.25] },
      }),
      "policy-recommendations": inStack("policy-recommendations", {
        recommender: { invocations: 69, usdPerDay: 266.67, throttles: 10, price: [3, 15] },
        summarizer: { invocations: 6614, usdPerDay: 266.67, throttles: 10, price: [0.035, 0.14] },
      }),
      "risk-assessment": inStack("risk-assessment", {
        scoring: { invocations: 400, usdPerDay: 400, throttles: 10, price: [3, 15] },
      }),
      // Pulumi.prod.yaml overrides the nova-lite price (0.06/0.24 in the catalog).
      "sales-support": inStack("sales-support", {
        assistant: { invocations: 10717, usdPerDay: 666.67, throttles: 10, price: [0.054, 0.216] },
      }),
      underwriting: inStack("underwriting", {
        assistant: { invocations: 109, usdPerDay: 100, throttles: 10, price: [0.8, 3.2] },
      }),
    },
  },
};

const mandatoryTagKeys = ["tenant", "environment", "dept", "team", "app", "cost-center"];

/** The logical names of one tenant's resources of the stated types, as `type::name`. */
function expectedChildren(tenant: string, stack: StackTenantExpectation): string[] {
  const names = [
    ...shipped[tenant].profiles.flatMap((profile) => [
      `${types.inferenceProfile}::${tenant}-${profile.name}`,
      `${types.parameter}::${tenant}-${profile.name}-arn`,
      `${types.metricAlarm}::${tenant}-${profile.name}-invocations`,
      `${types.metricAlarm}::${tenant}-${profile.name}-throttles`,
      `${types.metricAlarm}::${tenant}-${profile.name}-estimated-spend`,
    ]),
    `${types.topic}::${tenant}-alerts`,
    `${types.topicPolicy}::${tenant}-alerts-policy`,
    ...stack.emails.map((email) => `${types.topicSubscription}::${tenant}-alerts-${email}`),
    `${types.budget}::${tenant}-budget`,
    `${types.policy}::${tenant}-invoke-policy`,
    ...stack.workloadRoles.map((role) => `${types.rolePolicyAttachment}::${tenant}-invoke-${role}`),
    ...(stack.deny
      ? [
          `${types.policy}::${tenant}-deny-policy`,
          `${types.role}::${tenant}-budget-action-role`,
          `${types.rolePolicy}::${tenant}-budget-action-permissions`,
          `${types.budgetAction}::${tenant}-budget-deny`,
        ]
      : []),
  ];
  return names.sort();
}

const profileArnPattern =
  /^arn:aws:bedrock:([a-z0-9-]+):(\d{12}):application-inference-profile\/([a-z0-9]{12})$/;

function tenantOf(plan: RegisteredResources, tenant: string): PlannedResource {
  return plan.one(types.tenantGuardrails, tenant);
}

function childrenOfTenant(plan: RegisteredResources, tenant: string): PlannedResource[] {
  return plan.childrenOf(tenantOf(plan, tenant).urn);
}

function profileArn(plan: RegisteredResources, tenant: string, profile: string): string {
  return String(plan.one(types.inferenceProfile, `${tenant}-${profile}`).outputs?.arn);
}

/** The tags the program puts on a tenant's resources: the tenant file's tags plus tenant and environment. */
function tenantTags(stack: StackName, tenant: string): Record<string, string> {
  return { ...shipped[tenant].tags, tenant, environment: stack };
}

/** The tags of a profile's own resources (the profile, its parameter and alarms): also profile and model. */
function profileTags(stack: StackName, tenant: string, profile: ShippedProfile): Record<string, string> {
  return { ...tenantTags(stack, tenant), profile: profile.name, model: profile.model };
}

function topicArn(stack: StackName, tenant: string): string {
  const account = stacks[stack].accounts[shipped[tenant].account];
  return `arn:aws:sns:${account.region}:${account.accountId}:${tenant}-${stack}-bedrock-alerts`;
}

describe("the program with the fixture tenants", () => {
  const plans = {} as Record<StackName, RegisteredResources>;

  before(async () => {
    plans.dev = await planStack("dev");
    plans.prod = await planStack("prod");
  });

  for (const stack of ["dev", "prod"] as const) {
    const expected = stacks[stack];
    const tenantNames = Object.keys(expected.tenants);

    describe(`in ${stack}`, () => {
      describe("resource set", () => {
        it("registers one TenantGuardrails component per tenant of the stack", () => {
          assert.deepEqual(
            plans[stack]
              .byType(types.tenantGuardrails)
              .map((component) => component.name)
              .sort(),
            tenantNames,
          );
        });

        it("gives each tenant exactly its profiles, parameters, alarms, topic, budget and policies, named from tenant and profile", () => {
          for (const tenant of tenantNames) {
            const children = childrenOfTenant(plans[stack], tenant)
              .filter((child) => statedTenantChildTypes.has(child.type))
              .map((child) => `${child.type}::${child.name}`)
              .sort();
            assert.deepEqual(children, expectedChildren(tenant, expected.tenants[tenant]), tenant);
            const unspecified = childrenOfTenant(plans[stack], tenant).filter(
              (child) => !statedTenantChildTypes.has(child.type) && !specByType.has(child.type),
            );
            assert.deepEqual(
              unspecified.map((child) => child.type),
              [],
              "a child of a type with no spec under src/aws-types/",
            );
          }
        });

        it("registers nothing else: the stack, one provider per account alias in use, and the tenants", () => {
          const plan = plans[stack];
          const stackUrn = plan.one(types.stack, `bedrock-cost-governance-${stack}`).urn;
          assert.deepEqual(
            plan.typeNames((resource) => resource.parent === stackUrn),
            [
              ...tenantNames.map((tenant) => `${types.tenantGuardrails}::${tenant}`),
              `${types.provider}::account-claims-ai`,
              `${types.provider}::account-shared-ai`,
            ],
          );
          const tenantUrns = new Set(plan.byType(types.tenantGuardrails).map((component) => component.urn));
          const stray = plan.resources.filter(
            (resource) =>
              resource.type !== types.stack &&
              resource.parent !== stackUrn &&
              !tenantUrns.has(resource.parent ?? ""),
          );
          assert.deepEqual(
            stray.map((resource) => resource.urn),
            [],
          );
        });
      });

      describe("inference profiles", () => {
        it("tags every profile with every mandatory tag plus profile and model", () => {
          for (const tenant of tenantNames) {
            for (const profile of shipped[tenant].profiles) {
              const { inputs } = plans[stack].one(types.inferenceProfile, `${tenant}-${profile.name}`);
              assert.deepEqual(inputs.tags, profileTags(stack, tenant, profile));
              assert.deepEqual(
                Object.keys(inputs.tags as object)
                  .filter((key) => mandatoryTagKeys.includes(key))
                  .sort(),
                [...mandatoryTagKeys].sort(),
              );
            }
          }
        });

        it("names each profile <tenant>-<profile>-<environment>", () => {
          for (const tenant of tenantNames) {
            for (const profile of shipped[tenant].profiles) {
              assert.equal(
                plans[stack].one(types.inferenceProfile, `${tenant}-${profile.name}`).inputs.name,
                `${tenant}-${profile.name}-${stack}`,
              );
            }
          }
        });

        it("copies the foundation model in the tenant's Region, or the system-defined <geo>.<model> profile of its account", () => {
          for (const tenant of tenantNames) {
            const account = expected.accounts[shipped[tenant].account];
            for (const profile of shipped[tenant].profiles) {
              const { inputs } = plans[stack].one(types.inferenceProfile, `${tenant}-${profile.name}`);
              const copyFrom = profile.crossRegion
                ? `arn:aws:bedrock:${account.region}:${account.accountId}:inference-profile/${profile.crossRegion}.${profile.model}`
                : `arn:aws:bedrock:${account.region}::foundation-model/${profile.model}`;
              assert.deepEqual(inputs.modelSource, { copyFrom }, `${tenant}-${profile.name}`);
            }
          }
        });

        it(`${stack === "prod" ? "protects" : "does not protect"} the profiles, and protects nothing else`, () => {
          const protectedNames = plans[stack].resources
            .filter((resource) => resource.protect)
            .map((resource) => `${resource.type}::${resource.name}`);
          const profiles = plans[stack].typeNames((resource) => resource.type === types.inferenceProfile);
          assert.deepEqual(protectedNames.sort(), stack === "prod" ? profiles : []);
        });
      });

      describe("providers", () => {
        it("creates every child of a tenant with its account's provider: AWS profile, allowed account and Region", () => {
          for (const tenant of tenantNames) {
            const alias = shipped[tenant].account;
            for (const child of childrenOfTenant(plans[stack], tenant)) {
              const provider = plans[stack].providerOf(child);
              assert.equal(provider.name, `account-${alias}`, child.urn);
            }
          }
          for (const [alias, account] of Object.entries(expected.accounts)) {
            const settings = providerSettings(plans[stack].one(types.provider, `account-${alias}`));
            assert.deepEqual(settings, {
              region: account.region,
              profile: accountProfileName(alias),
              allowedAccountIds: [account.accountId],
              defaultTags: { "managed-by": "pulumi", "governed-by": "bedrock-cost-governance" },
            });
          }
        });

        it("creates no payer-account resource: no provider or resource acts in the payer account, none of its types", () => {
          const payerAccountId = "123456789012";
          const payerTypes = [
            types.costAllocationTag,
            types.anomalyMonitor,
            types.anomalySubscription,
            types.scp,
            types.scpAttachment,
          ];
          assert.deepEqual(
            plans[stack].resources
              .filter(
                (resource) =>
                  payerTypes.includes(resource.type as (typeof payerTypes)[number]) ||
                  JSON.stringify(resource.inputs.allowedAccountIds ?? "").includes(payerAccountId),
              )
              .map((resource) => resource.urn),
            [],
          );
        });
      });

      describe("alert topic", () => {
        it("creates a tagged topic that AWS Budgets and Cost Anomaly Detection of the tenant's account may publish to", () => {
          for (const tenant of tenantNames) {
            const plan = plans[stack];
            const topic = plan.one(types.topic, `${tenant}-alerts`);
            assert.deepEqual(topic.inputs, {
              name: `${tenant}-${stack}-bedrock-alerts`,
              tags: tenantTags(stack, tenant),
            });
            const policy = plan.one(types.topicPolicy, `${tenant}-alerts-policy`);
            assert.equal(policy.inputs.arn, topicArn(stack, tenant));
            const accountId = expected.accounts[shipped[tenant].account].accountId;
            const region = expected.accounts[shipped[tenant].account].region;
            const publish = (Sid: string, Service: string, Condition: object) => ({
              Sid,
              Effect: "Allow",
              Principal: { Service },
              Action: "sns:Publish",
              Resource: topicArn(stack, tenant),
              Condition,
            });
            assert.deepEqual(JSON.parse(String(policy.inputs.policy)).Statement, [
              publish("CloudWatchAlarmsPublish", "cloudwatch.amazonaws.com", {
                StringEquals: { "aws:SourceAccount": accountId },
                ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${accountId}:alarm:*` },
              }),
              publish("BudgetsPublish", "budgets.amazonaws.com", {
                StringEquals: { "aws:SourceAccount": accountId },
              }),
              // Anomaly subscriptions live in the payer account: it is the publisher's source account.
              publish("AnomalyAlertsPublish", "costalerts.amazonaws.com", {
                StringEquals: { "aws:SourceAccount": "123456789012" }, // billing.accountId of the stack files
              }),
            ]);
            // Budgets wait for the policy: created first, their notifications would be refused.
            const budget = plan.one(types.budget, `${tenant}-budget`);
            assert.ok(
              budget.dependencies.includes(policy.urn),
              `${tenant}: the budget depends on the topic policy`,
            );
          }
        });

        it("subscribes each of the tenant's emails to it", () => {
          for (const tenant of tenantNames) {
            const subscriptions = plans[stack]
              .byType(types.topicSubscription)
              .filter((subscription) => subscription.parent === tenantOf(plans[stack], tenant).urn);
            assert.deepEqual(
              subscriptions.map((subscription) => subscription.inputs),
              [...expected.tenants[tenant].emails]
                .sort()
                .map((endpoint) => ({ topic: topicArn(stack, tenant), protocol: "email", endpoint })),
            );
          }
        });
      });

      describe("budgets", () => {
        it("sets a monthly COST budget on the tenant tag with ACTUAL alerts at each threshold and a FORECASTED one, to topic and emails", () => {
          for (const tenant of tenantNames) {
            const want = expected.tenants[tenant];
            const notification = (threshold: number, notificationType: string) => ({
              comparisonOperator: "GREATER_THAN",
              notificationType,
              subscriberEmailAddresses: want.emails,
              subscriberSnsTopicArns: [topicArn(stack, tenant)],
              threshold,
              thresholdType: "PERCENTAGE",
            });
            assert.deepEqual(plans[stack].one(types.budget, `${tenant}-budget`).inputs, {
              name: `${tenant}-${stack}-bedrock`,
              budgetType: "COST",
              limitAmount: String(want.monthlyUsd),
              limitUnit: "USD",
              timeUnit: "MONTHLY",
              // This environment's spend only: tenant AND environment, each key in both spellings.
              filterExpression: {
                ands: [
                  {
                    ors: [
                      { tags: { key: "tenant", values: [tenant], matchOptions: ["EQUALS"] } },
                      { tags: { key: "user:tenant", values: [tenant], matchOptions: ["EQUALS"] } },
                    ],
                  },
                  {
                    ors: [
                      { tags: { key: "environment", values: [stack], matchOptions: ["EQUALS"] } },
                      { tags: { key: "user:environment", values: [stack], matchOptions: ["EQUALS"] } },
                    ],
                  },
                ],
              },
              metrics: "UnblendedCost",
              notifications: [
                ...want.alertAtPercent.map((percent) => notification(percent, "ACTUAL")),
                notification(want.forecastAtPercent, "FORECASTED"),
              ],
              tags: tenantTags(stack, tenant),
            });
          }
        });

        it("adds the deny action to policy-recommendations only: at 100% of actual spend, on its workload roles", () => {
          const plan = plans[stack];
          assert.deepEqual(
            plan.byType(types.budgetAction).map((action) => action.name),
            ["policy-recommendations-budget-deny"],
          );
          const account = expected.accounts["shared-ai"];
          const roles = expected.tenants["policy-recommendations"].workloadRoles;
          const denyPolicyArn = `arn:aws:iam::${account.accountId}:policy/policy-recommendations-${stack}-bedrock-deny`;
          const { inputs } = plan.one(types.budgetAction, "policy-recommendations-budget-deny");
          assert.deepEqual(inputs, {
            budgetName: `policy-recommendations-${stack}-bedrock`,
            actionType: "APPLY_IAM_POLICY",
            approvalModel: "AUTOMATIC",
            notificationType: "ACTUAL",
            actionThreshold: { actionThresholdType: "PERCENTAGE", actionThresholdValue: 100 },
            definition: { iamActionDefinition: { policyArn: denyPolicyArn, roles } },
            executionRoleArn: `arn:aws:iam::${account.accountId}:role/policy-recommendations-${stack}-budget-action`,
            subscribers: [
              { subscriptionType: "SNS", address: topicArn(stack, "policy-recommendations") },
              { subscriptionType: "EMAIL", address: "digital-broker@insurer.test" },
            ],
            tags: tenantTags(stack, "policy-recommendations"),
          });
          const denyPolicy = plan.one(types.policy, "policy-recommendations-deny-policy");
          assert.deepEqual(JSON.parse(String(denyPolicy.inputs.policy)), {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "BudgetExceeded",
                Effect: "Deny",
                Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                Resource: "*",
              },
            ],
          });
          const permissions = JSON.parse(
            String(
              plan.one(types.rolePolicy, "policy-recommendations-budget-action-permissions").inputs.policy,
            ),
          );
          assert.deepEqual(permissions.Statement, [
            {
              Effect: "Allow",
              Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
              // Any path: the PolicyARN condition keeps it to the deny policy.
              Resource: `arn:aws:iam::${account.accountId}:role/*`,
              Condition: { ArnEquals: { "iam:PolicyARN": denyPolicyArn } },
            },
          ]);
        });
      });

      describe("alarms", () => {
        it("alarms on Invocations a minute and InvocationThrottles per 5 minutes in AWS/Bedrock, ModelId being the profile id", () => {
          for (const tenant of tenantNames) {
            for (const profile of shipped[tenant].profiles) {
              const want = expected.tenants[tenant].alarms[profile.name];
              const [, region, accountId, profileId] =
                profileArn(plans[stack], tenant, profile.name).match(profileArnPattern) ?? [];
              assert.deepEqual(
                [region, accountId],
                [
                  expected.accounts[shipped[tenant].account].region,
                  expected.accounts[shipped[tenant].account].accountId,
                ],
              );
              const invocations = plans[stack].one(
                types.metricAlarm,
                `${tenant}-${profile.name}-invocations`,
              ).inputs;
              assertFields(invocations, {
                name: `${tenant}-${profile.name}-${stack}-invocations`,
                namespace: "AWS/Bedrock",
                metricName: "Invocations",
                dimensions: { ModelId: profileId },
                statistic: "Sum",
                period: 60,
                evaluationPeriods: 5,
                datapointsToAlarm: 3,
                threshold: want.invocations,
                comparisonOperator: "GreaterThanThreshold",
              });
              const throttles = plans[stack].one(
                types.metricAlarm,
                `${tenant}-${profile.name}-throttles`,
              ).inputs;
              assertFields(throttles, {
                namespace: "AWS/Bedrock",
                metricName: "InvocationThrottles",
                dimensions: { ModelId: profileId },
                statistic: "Sum",
                period: 300,
                evaluationPeriods: 1,
                threshold: want.throttles,
              });
            }
          }
        });

        it("estimates USD a day from input and output token counts at the catalog price or the stack's override", () => {
          for (const tenant of tenantNames) {
            for (const profile of shipped[tenant].profiles) {
              const want = expected.tenants[tenant].alarms[profile.name];
              const profileId = profileArn(plans[stack], tenant, profile.name).split("/")[1];
              const tokens = (id: string, metricName: string) => ({
                id,
                metric: {
                  namespace: "AWS/Bedrock",
                  metricName,
                  dimensions: { ModelId: profileId },
                  period: 3600,
                  stat: "Sum",
                },
              });
              const spend = plans[stack].one(
                types.metricAlarm,
                `${tenant}-${profile.name}-estimated-spend`,
              ).inputs;
              assertFields(spend, {
                name: `${tenant}-${profile.name}-${stack}-estimated-usd-per-day`,
                threshold: want.usdPerDay,
                evaluationPeriods: 1,
                metricQueries: [
                  tokens("input", "InputTokenCount"),
                  tokens("output", "OutputTokenCount"),
                  {
                    id: "usdPerDay",
                    label: "Estimated USD per day",
                    expression: `(FILL(input, 0) * ${want.price[0]} + FILL(output, 0) * ${want.price[1]}) / 1000000 * 24`,
                    returnData: true,
                  },
                ],
              });
            }
          }
        });

        it("sends alarm and OK actions to the tenant's topic and its extra SNS topics, and tags alarms like the profile", () => {
          for (const tenant of tenantNames) {
            const actions = [topicArn(stack, tenant), ...expected.tenants[tenant].snsTopicArns];
            for (const alarm of childrenOfTenant(plans[stack], tenant).filter(
              (child) => child.type === types.metricAlarm,
            )) {
              const profile = shipped[tenant].profiles.find((candidate) =>
                alarm.name.startsWith(`${tenant}-${candidate.name}-`),
              )!;
              assertFields(alarm.inputs, {
                alarmActions: actions,
                okActions: actions,
                treatMissingData: "notBreaching",
                tags: profileTags(stack, tenant, profile),
              });
            }
          }
        });
      });

      describe("SSM parameters", () => {
        it("stores each profile's ARN under /bedrock-cost-governance/<environment>/<tenant>/<profile>", () => {
          for (const tenant of tenantNames) {
            for (const profile of shipped[tenant].profiles) {
              const { inputs } = plans[stack].one(types.parameter, `${tenant}-${profile.name}-arn`);
              assert.equal(inputs.name, `/bedrock-cost-governance/${stack}/${tenant}/${profile.name}`);
              assert.equal(inputs.type, "String");
              assert.equal(plaintext(inputs.value), profileArn(plans[stack], tenant, profile.name));
              assert.deepEqual(inputs.tags, profileTags(stack, tenant, profile));
            }
          }
        });
      });

      describe("invoke policy", () => {
        it("allows invoking the tenant's profiles, and their models only through them (any Region for cross-Region ones)", () => {
          for (const tenant of tenantNames) {
            const { region } = expected.accounts[shipped[tenant].account];
            const profileArns = shipped[tenant].profiles.map((profile) =>
              profileArn(plans[stack], tenant, profile.name),
            );
            const { accountId } = expected.accounts[shipped[tenant].account];
            const routedArns = shipped[tenant].profiles.flatMap((profile) => [
              `arn:aws:bedrock:${profile.crossRegion ? "*" : region}::foundation-model/${profile.model}`,
              ...(profile.crossRegion
                ? [
                    `arn:aws:bedrock:${region}:${accountId}:inference-profile/${profile.crossRegion}.${profile.model}`,
                  ]
                : []),
            ]);
            const invoke = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
            const policy = plans[stack].one(types.policy, `${tenant}-invoke-policy`).inputs;
            assert.equal(policy.name, `${tenant}-${stack}-bedrock-invoke`);
            assert.deepEqual(JSON.parse(String(policy.policy)), {
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "InvokeThroughProfiles",
                  Effect: "Allow",
                  Action: [...invoke, "bedrock:GetInferenceProfile"],
                  Resource: profileArns,
                },
                {
                  Sid: "ModelsOnlyViaProfiles",
                  Effect: "Allow",
                  Action: invoke,
                  Resource: routedArns,
                  Condition: {
                    ArnLike: {
                      "bedrock:InferenceProfileArn": `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/*`,
                    },
                  },
                },
                {
                  Sid: "ResolveOwnProfiles",
                  Effect: "Allow",
                  Action: ["ssm:GetParametersByPath"],
                  Resource: [
                    `arn:aws:ssm:${region}:${accountId}:parameter/bedrock-cost-governance/${stack}/${tenant}`,
                  ],
                },
              ],
            });
          }
        });

        it("attaches it to the tenant's workload roles", () => {
          const account = expected.accounts["shared-ai"];
          assert.deepEqual(
            plans[stack].byType(types.rolePolicyAttachment).map((attachment) => attachment.inputs),
            expected.tenants["policy-recommendations"].workloadRoles.map((role) => ({
              role,
              policyArn: `arn:aws:iam::${account.accountId}:policy/policy-recommendations-${stack}-bedrock-invoke`,
            })),
          );
        });
      });

      describe("stack outputs", () => {
        it("exports the environment and, per tenant, the chargeback map: account, budget and every profile's ARN, id, model and parameter", () => {
          const outputs = plans[stack].outputs;
          assert.equal(outputs.environment, stack);
          const chargeback = outputs.chargeback as Record<string, unknown>;
          assert.deepEqual(Object.keys(chargeback).sort(), tenantNames);
          for (const tenant of tenantNames) {
            const account = expected.accounts[shipped[tenant].account];
            assert.deepEqual(chargeback[tenant], {
              account: shipped[tenant].account,
              accountId: account.accountId,
              region: account.region,
              tags: tenantTags(stack, tenant),
              monthlyBudgetUsd: expected.tenants[tenant].monthlyUsd,
              budgetName: `${tenant}-${stack}-bedrock`,
              alertTopicArn: topicArn(stack, tenant),
              invokePolicyArn: `arn:aws:iam::${account.accountId}:policy/${tenant}-${stack}-bedrock-invoke`,
              profiles: Object.fromEntries(
                shipped[tenant].profiles.map((profile) => {
                  const arn = profileArn(plans[stack], tenant, profile.name);
                  return [
                    profile.name,
                    {
                      arn,
                      id: arn.split("/")[1],
                      model: profile.model,
                      crossRegion: profile.crossRegion,
                      parameterName: `/bedrock-cost-governance/${stack}/${tenant}/${profile.name}`,
                    },
                  ];
                }),
              ),
            });
          }
        });
      });
    });
  }

  it("leaves underwriting out of dev (enabled: false) and deploys it in prod", () => {
    assert.equal(
      plans.dev.resources.some((resource) => resource.name.startsWith("underwriting")),
      false,
    );
    assert.equal(plans.prod.has(types.tenantGuardrails, "underwriting"), true);
  });

  it("puts prod's claims-ai tenants in us-west-2 and dev's in us-east-1", () => {
    assert.match(profileArn(plans.prod, "claims", "chatbot"), /^arn:aws:bedrock:us-west-2:012345678901:/);
    assert.match(profileArn(plans.dev, "claims", "chatbot"), /^arn:aws:bedrock:us-east-1:444455556666:/);
  });
});

describe("the program with other tenants and config", () => {
  const fixtures: TenantFixture[] = [];
  const tenantFixture = (files: ConstructorParameters<typeof TenantFixture>[0]) => {
    const fixture = new TenantFixture(files);
    fixtures.push(fixture);
    return fixture;
  };
  after(() => fixtures.forEach((fixture) => fixture.remove()));

  it("applies a tenant's dev overrides and leaves out a tenant disabled in dev", async () => {
    const fraud = {
      name: "fraud",
      tags: { dept: "fraud", team: "detection", app: "fraud_triage", "cost-center": "CC-6100" },
      notify: {
        emails: ["fraud@insurer.test"],
        snsTopicArns: ["arn:aws:sns:us-east-1:111122223333:fraud-oncall"],
      },
      profiles: [{ name: "triage", model: "amazon.nova-pro-v1:0" }],
      budget: { monthlyUsd: 5000, alertAtPercent: [90, 100], onExceed: "deny" },
      workloadRoles: ["fraud-api"],
      alarms: { maxThrottlesPer5Minutes: 5 },
      environments: {
        dev: {
          account: "claims-ai",
          budget: { monthlyUsd: 250 },
          tags: { team: "detection-dev", stage: "pilot" },
          notify: { emails: ["fraud-dev@insurer.test"] },
          workloadRoles: ["fraud-api-dev"],
          alarms: { maxInvocationsPerMinute: 30 },
        },
        prod: { budget: { monthlyUsd: 99999 } },
      },
    };
    const paused = validTenant({ name: "paused", environments: { dev: { enabled: false } } });
    const plan = await planStack("dev", {
      tenantsDir: tenantFixture({ "fraud.ts": fraud, "paused.ts": paused }).dir,
    });

    assert.deepEqual(
      plan.byType(types.tenantGuardrails).map((component) => component.name),
      ["fraud"],
    );
    assert.deepEqual(Object.keys(plan.outputs.chargeback as object), ["fraud"]);

    const profile = plan.one(types.inferenceProfile, "fraud-triage");
    assert.equal(plan.providerOf(profile).name, "account-claims-ai");
    assert.deepEqual(profile.inputs.tags, {
      dept: "fraud",
      team: "detection-dev",
      app: "fraud_triage",
      "cost-center": "CC-6100",
      stage: "pilot",
      tenant: "fraud",
      environment: "dev",
      profile: "triage",
      model: "amazon.nova-pro-v1:0",
    });

    const budget = plan.one(types.budget, "fraud-budget").inputs;
    assert.equal(budget.limitAmount, "250");
    assert.deepEqual(
      (budget.notifications as Array<Record<string, unknown>>).map((notification) => [
        notification.notificationType,
        notification.threshold,
        notification.subscriberEmailAddresses,
      ]),
      [
        ["ACTUAL", 90, ["fraud-dev@insurer.test"]],
        ["ACTUAL", 100, ["fraud-dev@insurer.test"]],
        ["FORECASTED", 100, ["fraud-dev@insurer.test"]],
      ],
    );
    // onExceed: deny survives the partial budget override; the roles are dev's.
    const action = plan.one(types.budgetAction, "fraud-budget-deny").inputs as {
      definition: { iamActionDefinition: { roles: string[] } };
    };
    assert.deepEqual(action.definition.iamActionDefinition.roles, ["fraud-api-dev"]);
    assert.deepEqual(
      plan.one(types.rolePolicyAttachment, "fraud-invoke-fraud-api-dev").inputs.role,
      "fraud-api-dev",
    );

    const topic = "arn:aws:sns:us-east-1:444455556666:fraud-dev-bedrock-alerts";
    const invocations = plan.one(types.metricAlarm, "fraud-triage-invocations").inputs;
    assert.deepEqual([invocations.threshold, invocations.alarmActions], [30, [topic]]);
    assert.equal(plan.one(types.metricAlarm, "fraud-triage-throttles").inputs.threshold, 5);
    assert.equal(plan.one(types.metricAlarm, "fraud-triage-estimated-spend").inputs.threshold, 16.67);
    assert.deepEqual(
      plan.byType(types.topicSubscription).map((subscription) => subscription.inputs.endpoint),
      ["fraud-dev@insurer.test"],
    );
  });

  it("keeps every logical name when tenants move to another directory and profiles are reordered", async () => {
    const model = "amazon.nova-micro-v1:0";
    const alpha = validTenant({
      name: "alpha",
      profiles: [
        { name: "chat", model },
        { name: "summary", model, crossRegion: "us" },
      ],
    });
    const beta = validTenant({ name: "beta" });
    const before = await planStack("dev", {
      tenantsDir: tenantFixture({ "alpha.ts": alpha, "beta.ts": beta }).dir,
    });
    const reordered = { ...alpha, profiles: [...alpha.profiles].reverse() };
    const after = await planStack("dev", {
      tenantsDir: tenantFixture({ "beta.ts": beta, "alpha.ts": reordered }).dir,
    });

    const urns = (plan: RegisteredResources) => plan.resources.map((resource) => resource.urn).sort();
    assert.deepEqual(urns(after), urns(before));
    for (const profile of before.byType(types.inferenceProfile)) {
      assert.deepEqual(after.one(types.inferenceProfile, profile.name).inputs, profile.inputs, profile.name);
    }
    assert.ok(before.has(types.inferenceProfile, "alpha-summary"));
  });

  it("puts the profile ARN in the ModelId dimension under alarmDimension: profileArn", async () => {
    const plan = await planStack("dev", { set: { alarmDimension: "profileArn" } });
    const alarms = plan.byType(types.metricAlarm);
    assert.equal(alarms.length, 15);
    for (const alarm of alarms) {
      const profile = plan
        .byType(types.inferenceProfile)
        .find((candidate) => alarm.name.startsWith(`${candidate.name}-`))!;
      const arn = profile.outputs?.arn;
      assert.match(String(arn), profileArnPattern);
      const dimensions = alarm.inputs.metricQueries
        ? (alarm.inputs.metricQueries as Array<{ metric?: { dimensions: unknown } }>)
            .filter((query) => query.metric)
            .map((query) => query.metric!.dimensions)
        : [alarm.inputs.dimensions];
      for (const dimension of dimensions) assert.deepEqual(dimension, { ModelId: arn }, alarm.name);
    }
  });

  it("stops on invalid tenants before registering any resource but the root stack, listing each file and field", async () => {
    const fixture = tenantFixture({
      "claims.ts": validTenant(),
      "sales.ts": { ...validTenant({ name: "sales" }), budgett: 1, budget: { monthlyUsd: "1000" } },
      "risk.ts": validTenant({ name: "risk", account: "risk-ai" }),
    });
    const { error, registeredUrns } = await planStackFailure("dev", { tenantsDir: fixture.dir });
    const file = (name: string) => path.join(fixture.dir, name);
    assert.equal(error.name, "StackInputError");
    assert.equal(
      error.message,
      [
        "3 problems in the stack config or tenant files:",
        `${file("sales.ts")}: budget.monthlyUsd: expected a number greater than 0, got "1000"`,
        `${file("sales.ts")}: unknown key "budgett"; did you mean "budget"?`,
        `${file("risk.ts")}: account: "risk-ai" is not an account alias of stack "dev" (claims-ai, shared-ai)`,
      ].join("\n"),
    );
    assert.deepEqual(registeredUrns, [
      "urn:pulumi:dev::bedrock-cost-governance::pulumi:pulumi:Stack::bedrock-cost-governance-dev",
    ]);
  });

  it("stops on invalid stack config before registering any resource but the root stack, naming the key", async () => {
    const accounts = {
      "shared-ai": {
        accountId: "111122223333",
        roleArn: "arn:aws:iam::111122223333:role/bedrock-governance-deploy",
      },
      "claims-ai": {
        accountId: "44445555666",
        roleArn: "arn:aws:iam::444455556666:role/bedrock-governance-deploy",
      },
    };
    const { error, registeredUrns } = await planStackFailure("prod", { set: { accounts } });
    assert.equal(error.name, "StackInputError");
    assert.equal(
      error.message,
      [
        "1 problem in the stack config or tenant files:",
        'Pulumi.prod.yaml: bedrock-cost-governance:accounts.claims-ai.accountId: expected a 12-digit AWS account id (quoted in YAML), got "44445555666"',
      ].join("\n"),
    );
    assert.deepEqual(registeredUrns, [
      "urn:pulumi:prod::bedrock-cost-governance::pulumi:pulumi:Stack::bedrock-cost-governance-prod",
    ]);
  });
});

/**
 * Asserts that the fields `expected` names have its values in `actual`: an alarm has more inputs
 * than one assertion is about, and listing the fields again beside their values only repeats them.
 */
function assertFields(actual: Record<string, unknown>, expected: Record<string, unknown>): void {
  const picked = Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key]]));
  assert.deepEqual(picked, expected);
}
