import { tenantBudgetCoverage as policy } from "../rules/tenant-budget-coverage";
import { type ResourceSpec, UNKNOWN, urnOf } from "./helpers/policy-args";
import { stackPolicyChecks } from "./helpers/policy-checks";

const { expectNoViolations, expectViolation } = stackPolicyChecks(policy);

const notification = {
  comparisonOperator: "GREATER_THAN",
  threshold: 80,
  thresholdType: "PERCENTAGE",
  notificationType: "ACTUAL",
  subscriberEmailAddresses: ["finops@example.com"],
};

const profile = (tenant: unknown, name = `${String(tenant)}-chatbot-dev`): ResourceSpec => ({
  type: "aws:bedrock/inferenceProfile:InferenceProfile",
  name,
  props: { name, tags: { tenant, environment: "dev" } },
});

const budget = (tenant: string, overrides: Record<string, unknown> = {}): ResourceSpec => ({
  type: "aws:budgets/budget:Budget",
  name: `${tenant}-budget`,
  props: {
    budgetType: "COST",
    limitAmount: "1000",
    limitUnit: "USD",
    timeUnit: "MONTHLY",
    costFilters: [{ name: "TagKeyValue", values: [`user:tenant$${tenant}`] }],
    notifications: [notification],
    ...overrides,
  },
});

function getHappyPathArgs(): ResourceSpec[] {
  return [
    profile("claims"),
    profile("claims", "claims-summarizer-dev"),
    budget("claims"),
    profile("underwriting"),
    budget("underwriting"),
  ];
}

describe("#tenant-budget-coverage", () => {
  it("passes when every tenant of the profiles has a subscribed COST budget on its tag", async () => {
    await expectNoViolations(getHappyPathArgs());
  });

  it("passes a stack without application profiles", async () => {
    await expectNoViolations([budget("claims")]);
  });

  it("fails a tenant without a budget, on its first profile, naming the filter to add", async () => {
    const resources = [profile("claims"), budget("claims"), profile("underwriting")];
    await expectViolation(
      resources,
      'Tenant "underwriting" (profiles underwriting-chatbot-dev) has no COST budget filtered on TagKeyValue "user:tenant$underwriting" with a subscribed notification',
      urnOf(resources[2]),
    );
  });

  it("fails when the tenant's budget has no subscriber, is not a COST budget, or filters another tenant", async () => {
    for (const wrong of [
      budget("claims", { notifications: [{ ...notification, subscriberEmailAddresses: [] }] }),
      budget("claims", { budgetType: "USAGE" }),
      budget("claims", { costFilters: [{ name: "TagKeyValue", values: ["user:tenant$claims-legacy"] }] }),
      budget("claims", { costFilters: [{ name: "Service", values: ["Amazon Bedrock"] }] }),
    ]) {
      await expectViolation([profile("claims"), wrong], 'Tenant "claims"');
    }
  });

  it("reads the tenant from the provider's defaultTags and from aws-native tag lists", async () => {
    const fromProvider: ResourceSpec = {
      ...profile("x"),
      props: { name: "p" },
      provider: { props: { defaultTags: JSON.stringify({ tags: { tenant: "claims" } }) } },
    };
    const native: ResourceSpec = {
      type: "aws-native:bedrock:ApplicationInferenceProfile",
      name: "native",
      props: { tags: [{ key: "tenant", value: "marketing" }] },
    };
    await expectViolation([fromProvider, native, budget("claims")], 'Tenant "marketing"');
    await expectNoViolations([fromProvider, native, budget("claims"), budget("marketing")]);
  });

  it("accepts a budget filtered by the newer filterExpression tags", async () => {
    const filtered = budget("claims", {
      costFilters: undefined,
      filterExpression: { tags: { key: "tenant", values: ["claims"], matchOptions: ["EQUALS"] } },
    });
    await expectNoViolations([profile("claims"), filtered]);
  });

  it("accepts the program's budget: tenant AND environment, each an ors of the plain and user:-prefixed key", async () => {
    const either = (key: string, value: string) => ({
      ors: [key, `user:${key}`].map((spelling) => ({
        tags: { key: spelling, values: [value], matchOptions: ["EQUALS"] },
      })),
    });
    const filtered = budget("claims", {
      costFilters: undefined,
      filterExpression: { ands: [either("tenant", "claims"), either("environment", "dev")] },
    });
    await expectNoViolations([profile("claims"), filtered]);
  });

  it("does not count a budget narrowed by another tag the tenant's profiles do not carry (environment=prod in the dev stack)", async () => {
    const narrowed = budget("claims", {
      costFilters: undefined,
      filterExpression: {
        ands: [
          { tags: { key: "tenant", values: ["claims"], matchOptions: ["EQUALS"] } },
          { tags: { key: "environment", values: ["prod"], matchOptions: ["EQUALS"] } },
        ],
      },
    });
    await expectViolation([profile("claims"), narrowed], 'Tenant "claims"');
    // The program's shape: each key in both spellings, in an ors.
    const spelled = (key: string, value: string) => ({
      ors: [{ tags: { key, values: [value] } }, { tags: { key: `user:${key}`, values: [value] } }],
    });
    const programShape = (environment: string) =>
      budget("claims", {
        costFilters: undefined,
        filterExpression: { ands: [spelled("tenant", "claims"), spelled("environment", environment)] },
      });
    await expectViolation([profile("claims"), programShape("prod")], 'Tenant "claims"');
    await expectNoViolations([profile("claims"), programShape("dev")]);
  });

  it("does not count a budget narrowed to another linked account or Region than the tenant's profiles", async () => {
    const placedProfile: ResourceSpec = {
      ...profile("claims"),
      props: {
        name: "claims-chatbot-dev",
        arn: "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdef123456",
        tags: { tenant: "claims", environment: "dev" },
      },
    };
    const narrowed = (dimension: Record<string, unknown>) =>
      budget("claims", {
        costFilters: undefined,
        filterExpression: {
          ands: [{ tags: { key: "tenant", values: ["claims"] } }, { dimensions: dimension }],
        },
      });
    for (const [key, values] of [
      ["LINKED_ACCOUNT", ["444455556666"]],
      ["REGION", ["eu-west-1"]],
    ] as const)
      await expectViolation([placedProfile, narrowed({ key, values })], 'Tenant "claims"');
    await expectViolation(
      [
        placedProfile,
        budget("claims", {
          costFilters: [
            { name: "TagKeyValue", values: ["user:tenant$claims"] },
            { name: "LinkedAccount", values: ["444455556666"] },
          ],
        }),
      ],
      'Tenant "claims"',
    );
    await expectNoViolations([placedProfile, narrowed({ key: "LINKED_ACCOUNT", values: ["111122223333"] })]);
    await expectNoViolations([placedProfile, narrowed({ key: "REGION", values: ["us-east-1"] })]);
  });

  it("accepts a CASE_INSENSITIVE tag filter whose value differs in case, and refuses the same value matched EQUALS", async () => {
    const filter = (matchOptions: string[]) =>
      budget("holdout", {
        costFilters: undefined,
        filterExpression: { tags: { key: "tenant", values: ["Holdout"], matchOptions } },
      });
    await expectNoViolations([profile("holdout"), filter(["EQUALS", "CASE_INSENSITIVE"])]);
    await expectViolation([profile("holdout"), filter(["EQUALS"])], 'Tenant "holdout"');
  });

  it("does not count a budget whose time period starts in the future", async () => {
    await expectViolation(
      [profile("claims"), budget("claims", { timePeriodStart: "2087-01-01_00:00" })],
      'Tenant "claims"',
    );
    await expectNoViolations([profile("claims"), budget("claims", { timePeriodStart: "2020-01-01_00:00" })]);
  });

  it("accepts exactly the two spellings of the tenant key in a filter expression", async () => {
    const keyed = (key: string) =>
      budget("claims", { costFilters: undefined, filterExpression: { tags: { key, values: ["claims"] } } });
    for (const key of ["tenant", "user:tenant"]) await expectNoViolations([profile("claims"), keyed(key)]);
    for (const key of ["Tenant", "aws:tenant", "user:user:tenant"])
      await expectViolation([profile("claims"), keyed(key)], 'Tenant "claims"');
  });

  it("does not count a budget that cannot see Bedrock spend: another service, Bedrock excluded, or an ended period", async () => {
    const tenantTag = { tags: { key: "tenant", values: ["claims"] } };
    for (const blind of [
      budget("claims", {
        costFilters: [
          { name: "TagKeyValue", values: ["user:tenant$claims"] },
          { name: "Service", values: ["Amazon Elastic Compute Cloud - Compute"] },
        ],
      }),
      budget("claims", {
        costFilters: undefined,
        filterExpression: {
          ands: [tenantTag, { dimensions: { key: "SERVICE", values: ["Amazon Simple Storage Service"] } }],
        },
      }),
      budget("claims", {
        costFilters: undefined,
        filterExpression: {
          ands: [tenantTag, { not: { dimensions: { key: "SERVICE", values: ["Amazon Bedrock"] } } }],
        },
      }),
      budget("claims", { timePeriodEnd: "2020-01-31_00:00" }),
    ]) {
      await expectViolation([profile("claims"), blind], 'Tenant "claims"');
    }
    const withBedrock = budget("claims", {
      costFilters: undefined,
      filterExpression: { ands: [tenantTag, { dimensions: { key: "SERVICE", values: ["Amazon Bedrock"] } }] },
      timePeriodEnd: "2087-06-15_00:00",
    });
    await expectNoViolations([profile("claims"), withBedrock]);
  });

  it("accepts an aws-native budget", async () => {
    const native: ResourceSpec = {
      type: "aws-native:budgets:Budget",
      props: {
        budget: {
          budgetType: "COST",
          budgetLimit: { amount: 100, unit: "USD" },
          costFilters: { TagKeyValue: ["user:tenant$claims"] },
        },
        notificationsWithSubscribers: [
          {
            notification: { notificationType: "ACTUAL", threshold: 80 },
            subscribers: [{ address: "a@example.com", subscriptionType: "EMAIL" }],
          },
        ],
      },
    };
    await expectNoViolations([profile("claims"), native]);
  });

  it("reads the tenant tag key from config", async () => {
    const byTeam: ResourceSpec = { ...profile("x"), props: { tags: { team: "claims-ai" } } };
    const teamBudget = budget("x", {
      costFilters: [{ name: "TagKeyValue", values: ["user:team$claims-ai"] }],
    });
    await expectNoViolations([byTeam, teamBudget], { config: { tenantTagKey: "team" } });
    await expectViolation([byTeam], 'TagKeyValue "user:team$claims-ai"', undefined, {
      config: { tenantTagKey: "team" },
    });
  });

  it("links a budget whose filter is unknown (preview) through its property dependency on the profile", async () => {
    const claims = profile("claims");
    const unknownFilter: ResourceSpec = {
      ...budget("claims", { costFilters: UNKNOWN }),
      propertyDependencies: { costFilters: [urnOf(claims)] },
    };
    const underwriting = profile("underwriting");
    await expectViolation([claims, unknownFilter, underwriting], 'Tenant "underwriting"');
    await expectNoViolations([claims, unknownFilter]);
  });

  it("does not guess when a budget's filter is unknown and linked to nothing, or a tenant tag is unknown", async () => {
    await expectNoViolations([
      profile("claims"),
      budget("x", { costFilters: [{ name: "TagKeyValue", values: [UNKNOWN] }] }),
    ]);
    await expectNoViolations([profile(UNKNOWN, "p")]);
  });
});
