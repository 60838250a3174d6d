import { strict as assert } from "node:assert";
import { type StackConfig, stackConfigSchema } from "../../src/config";
import { defaultAlarms, type StackTenant, tenantsForStack } from "../../src/stack-tenants";
import { type TenantDefinition, type TenantInput, tenantSchema } from "../../src/tenant";
import type { LoadedTenant } from "../../src/tenant-loader";
import { formatInputError } from "../../src/validation";
import { validTenant } from "../helpers/tenant-fixtures";

/** A dev stack with two accounts, the second in its own Region. */
function stackConfig(changes: Partial<StackConfig> = {}): StackConfig {
  return stackConfigSchema.parse({
    environment: "dev",
    region: "us-east-1",
    accounts: {
      "shared-ai": { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/deploy" },
      "claims-ai": {
        accountId: "444455556666",
        roleArn: "arn:aws:iam::444455556666:role/deploy",
        region: "us-west-2",
      },
    },
    defaultAccount: "shared-ai",
    billing: { accountId: "123456789012", roleArn: "arn:aws:iam::123456789012:role/billing" },
    ...changes,
  });
}

/** A tenant file as the loader hands it over: validated, defaults applied. */
function loaded(input: TenantInput, file = `tenants/${input.name}.ts`): LoadedTenant {
  return { file, definition: tenantSchema.parse(input) };
}

function resolve(
  inputs: TenantInput[],
  config = stackConfig(),
): { tenants: StackTenant[]; problems: string[] } {
  const { tenants, errors } = tenantsForStack(
    inputs.map((input) => loaded(input)),
    config,
  );
  return { tenants, problems: errors.map(formatInputError) };
}

/** The one tenant, failing with its problems when it did not resolve. */
function resolveOne(input: TenantInput, config = stackConfig()): StackTenant {
  const { tenants, problems } = resolve([input], config);
  assert.deepEqual(problems, []);
  assert.equal(tenants.length, 1);
  return tenants[0];
}

const tenant = validTenant();
const haikuPrice = { inputPer1M: 0.25, outputPer1M: 1.25 };

describe("tenants in a stack (tenantsForStack)", () => {
  describe("tags", () => {
    it("adds tenant and environment to the tenant's own tags", () => {
      assert.deepEqual(resolveOne(tenant).tags, {
        dept: "claims",
        team: "automation",
        app: "claims_chatbot",
        "cost-center": "CC-4100",
        tenant: "claims",
        environment: "dev",
      });
    });

    it("refuses a tenant missing a mandatory tag, naming the stack's list", () => {
      const { "cost-center": _, ...withoutCostCenter } = tenant.tags;
      assert.deepEqual(resolve([{ ...tenant, tags: withoutCostCenter }]).problems, [
        'tenants/claims.ts: tags: mandatory tag "cost-center" is missing (the stack requires tenant, environment, dept, team, app, cost-center)',
      ]);
    });

    it("refuses a mandatory tag that is blank", () => {
      assert.deepEqual(resolve([{ ...tenant, tags: { ...tenant.tags, team: "  " } }]).problems, [
        'tenants/claims.ts: tags.team: mandatory tag "team" may not be blank',
      ]);
    });

    it("checks the stack's own mandatoryTags instead of the default list", () => {
      const config = stackConfig({ mandatoryTags: ["tenant", "environment", "owner"] });
      assert.deepEqual(resolve([tenant], config).problems, [
        'tenants/claims.ts: tags: mandatory tag "owner" is missing (the stack requires tenant, environment, owner)',
      ]);
      assert.deepEqual(resolve([{ ...tenant, tags: { owner: "claims-lead" } }], config).problems, []);
    });

    it("refuses more than 50 tags on a profile, counting tenant, environment, profile, model and the providers' two", () => {
      const manyTags = (count: number) =>
        Object.fromEntries(Array.from({ length: count }, (_, index) => [`extra-${index}`, "x"]));
      // 4 mandatory + 40 extra + tenant, environment, profile, model, managed-by, governed-by = 50.
      assert.deepEqual(resolve([{ ...tenant, tags: { ...tenant.tags, ...manyTags(40) } }]).problems, []);
      assert.deepEqual(resolve([{ ...tenant, tags: { ...tenant.tags, ...manyTags(41) } }]).problems, [
        "tenants/claims.ts: tags: 51 tags with tenant, environment, profile, model and the providers' managed-by, governed-by; AWS allows 50",
      ]);
    });
  });

  describe("accounts", () => {
    it("puts a tenant that names no account in defaultAccount, in the stack's Region", () => {
      const { accountAlias, accountId, roleArn, region } = resolveOne(tenant);
      assert.deepEqual(
        { accountAlias, accountId, roleArn, region },
        {
          accountAlias: "shared-ai",
          accountId: "111122223333",
          roleArn: "arn:aws:iam::111122223333:role/deploy",
          region: "us-east-1",
        },
      );
    });

    it("puts a tenant in the account it names, in that account's own Region", () => {
      const { accountAlias, accountId, region } = resolveOne({ ...tenant, account: "claims-ai" });
      assert.deepEqual(
        { accountAlias, accountId, region },
        { accountAlias: "claims-ai", accountId: "444455556666", region: "us-west-2" },
      );
    });

    it("refuses an account alias the stack does not map, listing the ones it does", () => {
      assert.deepEqual(resolve([{ ...tenant, account: "risk-ai" }]).problems, [
        'tenants/claims.ts: account: "risk-ai" is not an account alias of stack "dev" (shared-ai, claims-ai)',
      ]);
    });

    it("keeps only the tenants of the scoped account under accountScope", () => {
      const inputs = [tenant, { ...tenant, name: "risk", account: "claims-ai" }];
      const { tenants } = resolve(inputs, stackConfig({ accountScope: "claims-ai" }));
      assert.deepEqual(
        tenants.map((scoped) => scoped.name),
        ["risk"],
      );
    });
  });

  describe("derived names", () => {
    it("derives each profile's AWS name and SSM parameter from tenant, profile and environment", () => {
      const [profile] = resolveOne(tenant).profiles;
      assert.equal(profile.awsName, "claims-chatbot-dev");
      assert.equal(profile.parameterName, "/bedrock-cost-governance/dev/claims/chatbot");
      assert.equal(
        profile.description,
        "tenant claims profile chatbot in dev for anthropic.claude-3-haiku-20240307-v1:0",
      );
    });

    it("refuses a profile whose derived AWS name passes 64 characters", () => {
      const model = tenant.profiles[0].model;
      const tenantName = "c".repeat(32);
      // 32 + "-" + 27 + "-dev" = 64: the longest name Bedrock takes.
      assert.deepEqual(
        resolve([{ ...tenant, name: tenantName, profiles: [{ name: "p".repeat(27), model }] }]).problems,
        [],
      );
      assert.deepEqual(
        resolve([{ ...tenant, name: tenantName, profiles: [{ name: "p".repeat(28), model }] }]).problems,
        [
          `tenants/${tenantName}.ts: profiles[0].name: the derived profile name "${tenantName}-${"p".repeat(28)}-dev" is 65 characters; Bedrock allows at most 64: shorten the tenant or profile name`,
        ],
      );
    });

    it("refuses a tenant name ending in a hyphen, which doubles the hyphen in the derived name", () => {
      assert.deepEqual(resolve([{ ...tenant, name: "claims-" }]).problems, [
        'tenants/claims-.ts: profiles[0].name: the derived profile name "claims--chatbot-dev" does not match ([0-9a-zA-Z][ _-]?)+ (no doubled or trailing "-"): rename the tenant or profile',
      ]);
    });

    it("refuses two tenants whose tenant and profile names derive the same profile name", () => {
      const first = {
        ...tenant,
        name: "claims",
        profiles: [{ name: "fnol-chat", model: tenant.profiles[0].model }],
      };
      const second = {
        ...tenant,
        name: "claims-fnol",
        profiles: [{ name: "chat", model: tenant.profiles[0].model }],
      };
      assert.deepEqual(resolve([first, second]).problems, [
        'tenants/claims-fnol.ts: profiles[0].name: the derived profile name "claims-fnol-chat-dev" is also derived from profile "fnol-chat" of tenants/claims.ts: rename one of them',
      ]);
    });
  });

  describe("budget", () => {
    it("refuses onExceed deny without workloadRoles", () => {
      assert.deepEqual(resolve([{ ...tenant, budget: { monthlyUsd: 100, onExceed: "deny" } }]).problems, [
        'tenants/claims.ts: budget.onExceed: "deny" needs workloadRoles: the IAM role names the budget action attaches the deny policy to',
      ]);
    });

    it("refuses deny switched on by an environment override when the tenant has no workloadRoles", () => {
      const input = { ...tenant, environments: { dev: { budget: { onExceed: "deny" as const } } } };
      assert.deepEqual(resolve([input]).problems, [
        'tenants/claims.ts: environments.dev.budget.onExceed: "deny" needs workloadRoles: the IAM role names the budget action attaches the deny policy to',
      ]);
    });

    it("reports a top-level deny without workloadRoles at budget.onExceed, not at an environment's budget override", () => {
      const input = {
        ...tenant,
        budget: { monthlyUsd: 100, onExceed: "deny" as const },
        environments: { dev: { budget: { monthlyUsd: 10 } } },
      };
      assert.deepEqual(resolve([input]).problems, [
        'tenants/claims.ts: budget.onExceed: "deny" needs workloadRoles: the IAM role names the budget action attaches the deny policy to',
      ]);
    });
  });

  describe("environment overrides", () => {
    const base: TenantInput = {
      ...tenant,
      notify: {
        emails: ["claims@example.com"],
        snsTopicArns: ["arn:aws:sns:us-east-1:111122223333:claims-oncall"],
      },
      budget: { monthlyUsd: 2500, alertAtPercent: [80, 100], forecastAtPercent: 120, onExceed: "deny" },
      workloadRoles: ["claims-api"],
    };

    it("overrides only the budget fields it names, keeping thresholds and onExceed", () => {
      const { budget } = resolveOne({ ...base, environments: { dev: { budget: { monthlyUsd: 300 } } } });
      assert.deepEqual(budget, {
        monthlyUsd: 300,
        alertAtPercent: [80, 100],
        forecastAtPercent: 120,
        onExceed: "deny",
      });
    });

    it("replaces notify as a whole", () => {
      const { notify } = resolveOne({
        ...base,
        environments: { dev: { notify: { emails: ["claims-dev@example.com"] } } },
      });
      assert.deepEqual(notify, { emails: ["claims-dev@example.com"], snsTopicArns: [] });
    });

    it("merges tags over the tenant's, keeping tenant and environment", () => {
      const { tags } = resolveOne({
        ...base,
        environments: { dev: { tags: { team: "automation-dev", stage: "pilot" } } },
      });
      assert.deepEqual(tags, {
        dept: "claims",
        team: "automation-dev",
        app: "claims_chatbot",
        "cost-center": "CC-4100",
        stage: "pilot",
        tenant: "claims",
        environment: "dev",
      });
    });

    it("moves the tenant to another account", () => {
      const { accountAlias, accountId, region } = resolveOne({
        ...base,
        // Its topic moves too: alarms publish only to topics of their own Region.
        environments: {
          dev: {
            account: "claims-ai",
            notify: {
              emails: ["claims@example.com"],
              snsTopicArns: ["arn:aws:sns:us-west-2:444455556666:claims-oncall"],
            },
          },
        },
      });
      assert.deepEqual(
        { accountAlias, accountId, region },
        { accountAlias: "claims-ai", accountId: "444455556666", region: "us-west-2" },
      );
    });

    it("replaces workloadRoles", () => {
      assert.deepEqual(
        resolveOne({ ...base, environments: { dev: { workloadRoles: ["claims-api-dev"] } } }).workloadRoles,
        ["claims-api-dev"],
      );
    });

    it("passes on a field the stack does not resolve itself as the file wrote it, or as the environment's override replaces it", () => {
      // A field the schema does not have yet, as a definition would carry it once the schema gains
      // it: nothing in tenantsForStack names it, and it still reaches the stack's tenant.
      const withField = (definition: object, owner?: string) =>
        ({ ...definition, owner }) as unknown as TenantDefinition;
      const parsed = tenantSchema.parse(base);
      const asWritten = tenantsForStack(
        [{ file: "tenants/claims.ts", definition: withField(parsed, "claims-automation") }],
        stackConfig(),
      );
      assert.equal((asWritten.tenants[0] as unknown as { owner: string }).owner, "claims-automation");
      const overridden = tenantsForStack(
        [
          {
            file: "tenants/claims.ts",
            definition: withField({
              ...parsed,
              environments: { dev: withField({}, "claims-dev"), prod: withField({}, "claims-prod") },
            }),
          },
        ],
        stackConfig(),
      );
      assert.equal((overridden.tenants[0] as unknown as { owner: string }).owner, "claims-dev");
    });

    it("keeps what it resolves itself out of the stack's tenant: the alias, alarms, overrides and enabled", () => {
      const resolved = resolveOne({
        ...base,
        account: "shared-ai",
        alarms: { maxThrottlesPer5Minutes: 5 },
        environments: { dev: { enabled: true, alarms: { maxInvocationsPerMinute: 30 } } },
      });
      for (const field of ["account", "alarms", "environments", "enabled"])
        assert.ok(!(field in resolved), `${field} is not a field of the stack's tenant`);
    });

    it("drops the tenant from the stack with enabled: false, without checking the rest of it", () => {
      const paused = { ...base, account: "nowhere", environments: { dev: { enabled: false } } };
      assert.deepEqual(
        resolve([paused, { ...tenant, name: "sales" }]).tenants.map((kept) => kept.name),
        ["sales"],
      );
      assert.deepEqual(resolve([paused]).problems, []);
    });

    it("ignores the overrides of other environments", () => {
      const resolved = resolveOne({
        ...base,
        environments: { prod: { enabled: false, budget: { monthlyUsd: 1 } } },
      });
      assert.equal(resolved.budget.monthlyUsd, 2500);
    });

    it("names the override in problems it causes", () => {
      assert.deepEqual(
        resolve([{ ...base, environments: { dev: { account: "risk-ai", tags: { dept: "" } } } }]).problems,
        [
          'tenants/claims.ts: environments.dev.account: "risk-ai" is not an account alias of stack "dev" (shared-ai, claims-ai)',
          'tenants/claims.ts: environments.dev.tags.dept: mandatory tag "dept" may not be blank',
        ],
      );
    });
  });

  describe("alarms", () => {
    it("derives default alarms from the budget and the model's price", () => {
      // A typical call (2,000 in, 500 out) at haiku prices costs 0.001125 USD; 1,000 USD a month buys
      // 20.58 calls a minute at an even pace: the alarm fires at ten times that.
      assert.deepEqual(defaultAlarms(1000, haikuPrice), {
        maxInvocationsPerMinute: 206,
        maxEstimatedUsdPerDay: 66.67,
        maxThrottlesPer5Minutes: 10,
      });
      assert.deepEqual(defaultAlarms(10, haikuPrice), {
        maxInvocationsPerMinute: 10,
        maxEstimatedUsdPerDay: 0.67,
        maxThrottlesPer5Minutes: 10,
      });
      assert.deepEqual(defaultAlarms(1000, { inputPer1M: 0, outputPer1M: 0 }).maxInvocationsPerMinute, 1000);
    });

    it("gives each profile the defaults of the environment's budget and its own model's price", () => {
      const input = {
        ...tenant,
        profiles: [tenant.profiles[0], { name: "summary", model: "amazon.nova-micro-v1:0" }],
        environments: { dev: { budget: { monthlyUsd: 300 } } },
      };
      const [chatbot, summary] = resolveOne(input).profiles;
      assert.deepEqual(chatbot.alarms, defaultAlarms(300, haikuPrice));
      // nova-micro: a typical call costs 0.00014 USD, 300 USD a month buys 49.6 calls a minute.
      assert.deepEqual(summary.alarms, {
        maxInvocationsPerMinute: 497,
        maxEstimatedUsdPerDay: 20,
        maxThrottlesPer5Minutes: 10,
      });
    });

    it("lets the tenant's alarms, then the environment's, replace the defaults field by field", () => {
      const input = {
        ...tenant,
        alarms: { maxThrottlesPer5Minutes: 20, maxEstimatedUsdPerDay: 50 },
        environments: { dev: { alarms: { maxEstimatedUsdPerDay: 5 } } },
      };
      assert.deepEqual(resolveOne(input).profiles[0].alarms, {
        maxInvocationsPerMinute: 206,
        maxEstimatedUsdPerDay: 5,
        maxThrottlesPer5Minutes: 20,
      });
    });
  });

  describe("prices", () => {
    it("prices a profile from the catalog unless the stack overrides that model", () => {
      assert.deepEqual(resolveOne(tenant).profiles[0].price, haikuPrice);
      const discounted = { inputPer1M: 0.2, outputPer1M: 1 };
      const config = stackConfig({
        priceOverrides: { "anthropic.claude-3-haiku-20240307-v1:0": discounted },
      });
      assert.deepEqual(resolveOne(tenant, config).profiles[0].price, discounted);
    });
  });

  describe("protection", () => {
    it("protects the profiles of protectedEnvironments only", () => {
      assert.equal(resolveOne(tenant).protect, false);
      assert.equal(resolveOne(tenant, stackConfig({ environment: "prod" })).protect, true);
      assert.equal(resolveOne(tenant, stackConfig({ protectedEnvironments: ["dev", "prod"] })).protect, true);
    });
  });

  describe("reporting", () => {
    it("collects the problems of every tenant and keeps none of the faulty ones", () => {
      const { tenants, problems } = resolve([
        { ...tenant, account: "risk-ai" },
        { ...tenant, name: "sales", tags: { ...tenant.tags, dept: "" } },
        { ...tenant, name: "fine" },
      ]);
      assert.deepEqual(
        tenants.map((kept) => kept.name),
        ["fine"],
      );
      assert.deepEqual(problems, [
        'tenants/claims.ts: account: "risk-ai" is not an account alias of stack "dev" (shared-ai, claims-ai)',
        'tenants/sales.ts: tags.dept: mandatory tag "dept" may not be blank',
      ]);
    });
  });
});
