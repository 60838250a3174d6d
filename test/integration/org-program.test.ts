import { strict as assert } from "node:assert";
import { payerProfileName } from "../../src/aws-profiles";
import {
  type RegisteredResources,
  planStack,
  providerSettings,
  stackFileConfig,
  types,
} from "../helpers/program";
import { TenantFixture, validTenant } from "../helpers/tenant-fixtures";

const mandatoryTagKeys = ["tenant", "environment", "dept", "team", "app", "cost-center"];
const payer = { accountId: "123456789012" };
const scpNames = [
  "bedrock-invoke-through-application-profiles",
  "bedrock-profiles-carry-cost-tags",
  "bedrock-profile-cost-tags-locked",
];

describe("the org stack (Pulumi.org.yaml) with the fixture tenants", () => {
  const plans = {} as Record<"org" | "dev" | "prod", RegisteredResources>;
  before(async () => {
    plans.org = await planStack("org");
    plans.dev = await planStack("dev");
    plans.prod = await planStack("prod");
  });

  it("puts everything under one OrganizationGuardrails component with the payer's provider in us-east-1", () => {
    const plan = plans.org;
    const component = plan.one(types.organizationGuardrails, "organization");
    const children = plan.childrenOf(component.urn);
    assert.ok(children.length > 0);
    for (const child of children) assert.equal(plan.providerOf(child).name, "payer", child.urn);
    const settings = providerSettings(plan.one(types.provider, "payer"));
    assert.deepEqual(
      { region: settings.region, profile: settings.profile, allowedAccountIds: settings.allowedAccountIds },
      { region: "us-east-1", profile: payerProfileName, allowedAccountIds: [payer.accountId] },
    );
    assert.deepEqual(
      plan.resources.filter(
        (resource) => resource.type === types.tenantGuardrails || resource.type === types.inferenceProfile,
      ),
      [],
    );
  });

  it("activates every mandatory tag key, each retained on delete so no destroy deactivates it organisation-wide", () => {
    const tags = plans.org.byType(types.costAllocationTag);
    assert.deepEqual(
      tags.map((tag) => [tag.name, tag.inputs, tag.retainOnDelete]),
      [...mandatoryTagKeys]
        .sort()
        .map((tagKey) => [`cost-tag-${tagKey}`, { tagKey, status: "Active" }, true]),
    );
  });

  it("creates no activation on the documented first deploy (activateTags: false), and still plans the rest", async () => {
    const plan = await planStack("org", { set: { activateTags: false } });
    assert.deepEqual(plan.byType(types.costAllocationTag), []);
    assert.ok(plan.byType(types.anomalyMonitor).length > 0);
  });

  it("watches each tenant of every governed environment with one monitor per tenant, a single Tags expression", () => {
    const tenants = [
      ...new Set(
        [...plans.dev.byType(types.tenantGuardrails), ...plans.prod.byType(types.tenantGuardrails)].map(
          (tenant) => tenant.name,
        ),
      ),
    ].sort();
    assert.deepEqual(
      plans.org.byType(types.anomalyMonitor).map((monitor) => ({
        name: monitor.inputs.name,
        monitorType: monitor.inputs.monitorType,
        monitorSpecification: JSON.parse(String(monitor.inputs.monitorSpecification)),
      })),
      tenants.map((tenant) => ({
        name: `bedrock-cost-governance-${tenant}`,
        monitorType: "CUSTOM",
        monitorSpecification: { Tags: { Key: "tenant", Values: [tenant], MatchOptions: ["EQUALS"] } },
      })),
    );
  });

  it("subscribes, per environment, the tenant's emails daily and the topic its environment stack creates immediately, above 2% of that environment's budget", () => {
    const subscriptions = plans.org.byType(types.anomalySubscription);
    let checked = 0;
    for (const environment of ["dev", "prod"] as const) {
      const envPlan = plans[environment];
      for (const tenant of envPlan.byType(types.tenantGuardrails).map((component) => component.name)) {
        const topic = envPlan.one(types.topic, `${tenant}-alerts`);
        const budget = envPlan.one(types.budget, `${tenant}-budget`);
        const threshold = String(Math.max(10, Math.round(Number(budget.inputs.limitAmount) * 0.02)));
        const sns = plansOrgSubscription(subscriptions, tenant, environment, "sns");
        assert.deepEqual(
          sns.inputs.subscribers,
          [{ type: "SNS", address: topic.outputs?.arn }],
          `${tenant} ${environment}`,
        );
        assert.equal(sns.inputs.frequency, "IMMEDIATE");
        const email = plansOrgSubscription(subscriptions, tenant, environment, "email");
        assert.equal(email.inputs.frequency, "DAILY");
        for (const subscription of [sns, email]) {
          assert.deepEqual(subscription.inputs.thresholdExpression, {
            dimension: {
              key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
              matchOptions: ["GREATER_THAN_OR_EQUAL"],
              values: [threshold],
            },
          });
          assert.deepEqual(subscription.inputs.monitorArnLists, [
            plans.org.one(types.anomalyMonitor, `anomaly-${tenant}`).outputs?.arn,
          ]);
        }
        checked += 2;
      }
    }
    assert.equal(subscriptions.length, checked);
  });

  it("creates the three SCPs and attaches each to every configured target", () => {
    const scps = plans.org.byType(types.scp);
    assert.deepEqual(
      scps.map((scp) => [scp.inputs.name, scp.inputs.type]).sort(),
      [...scpNames].sort().map((name) => [name, "SERVICE_CONTROL_POLICY"]),
    );
    const targets = JSON.parse(stackFileConfig("org")["bedrock-cost-governance:serviceControlPolicies"])
      .targets as string[];
    const attachments = plans.org.byType(types.scpAttachment);
    assert.deepEqual(
      attachments.map((attachment) => [attachment.inputs.policyId, attachment.inputs.targetId]).sort(),
      scps
        .flatMap((scp) => targets.map((target) => [String(scp.outputs?.arn).split("/").pop(), target]))
        .sort(),
    );
  });

  it("exempts every governed environment's deploy role and the break-glass role from the tag rules", () => {
    const locked = plans.org
      .byType(types.scp)
      .find((scp) => scp.inputs.name === "bedrock-profile-cost-tags-locked");
    const document = JSON.parse(String(locked?.inputs.content)) as {
      Statement: Array<{ Condition: { ArnNotLike: { "aws:PrincipalArn": string[] } } }>;
    };
    // Each environment's accounts in key order, as `pulumi up` hands the map over (Go's json.Marshal).
    assert.deepEqual(document.Statement[0].Condition.ArnNotLike["aws:PrincipalArn"], [
      "arn:aws:iam::444455556666:role/bedrock-governance-deploy",
      "arn:aws:iam::111122223333:role/bedrock-governance-deploy",
      "arn:aws:iam::012345678901:role/bedrock-governance-deploy",
      "arn:aws:iam::777788889999:role/bedrock-governance-deploy",
      "arn:aws:iam::*:role/bedrock-governance-break-glass",
    ]);
  });

  it("leaves the SCPs out when serviceControlPolicies.manage is false", async () => {
    const plan = await planStack("org", { set: { serviceControlPolicies: { manage: false } } });
    assert.deepEqual([...plan.byType(types.scp), ...plan.byType(types.scpAttachment)], []);
  });
});

describe("the org stack's monitor quota, counted across environments", () => {
  const fixtures: TenantFixture[] = [];
  after(() => fixtures.forEach((fixture) => fixture.remove()));

  it("shares monitors once the tenants of all environments together pass maxAnomalyMonitors", async () => {
    const names = ["alpha", "bravo", "charlie", "delta", "echo"];
    const fixture = new TenantFixture(
      Object.fromEntries(
        names.map((name) => [
          `${name}.ts`,
          validTenant({ name, tags: { ...validTenant().tags, app: name } }),
        ]),
      ),
    );
    fixtures.push(fixture);
    const plan = await planStack("org", { tenantsDir: fixture.dir, set: { maxAnomalyMonitors: 3 } });
    const monitors = plan.byType(types.anomalyMonitor);
    assert.ok(monitors.length <= 3, `${monitors.length} monitors`);
    const watched = monitors.flatMap(
      (monitor) =>
        (JSON.parse(String(monitor.inputs.monitorSpecification)) as { Tags: { Values: string[] } }).Tags
          .Values,
    );
    assert.deepEqual(watched.sort(), names);
    // Both environments' subscriptions of each tenant point at the monitor that watches it.
    assert.equal(plan.byType(types.anomalySubscription).length, names.length * 2 * 2);
  });
});

function plansOrgSubscription(
  subscriptions: ReturnType<RegisteredResources["byType"]>,
  tenant: string,
  environment: string,
  channel: string,
): ReturnType<RegisteredResources["byType"]>[number] {
  const found = subscriptions.find(
    (subscription) => subscription.name === `anomaly-${tenant}-${environment}-${channel}`,
  );
  assert.ok(found, `no ${channel} subscription for ${tenant} in ${environment}`);
  return found;
}
