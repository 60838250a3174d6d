import { strict as assert } from "node:assert";
import { foundationModelArn } from "../../src/arns";
import { type ModelCatalog, baseCatalog, stackCatalog } from "../../src/catalog";
import { type StackConfig, stackConfigSchema } from "../../src/config";
import { tenantsForStack } from "../../src/stack-tenants";
import { type TenantInput, tenantSchemaFor } from "../../src/tenant";
import { formatInputError, zodIssuesToErrors } from "../../src/validation";
import { validTenant } from "./../helpers/tenant-fixtures";

/**
 * Inputs the schema used to accept and AWS refuses (or accepts and then does not deliver): each
 * is now refused up front, with the file and field to fix.
 */
const configInput = (changes: Record<string, unknown> = {}) => ({
  environment: "dev",
  region: "us-east-1",
  accounts: {
    "us-ai": { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/deploy" },
    "eu-ai": {
      accountId: "444455556666",
      roleArn: "arn:aws:iam::444455556666:role/deploy",
      region: "eu-west-1",
    },
  },
  defaultAccount: "us-ai",
  billing: { accountId: "123456789012", roleArn: "arn:aws:iam::123456789012:role/billing" },
  ...changes,
});
const config = (changes: Record<string, unknown> = {}): StackConfig =>
  stackConfigSchema.parse(configInput(changes));

function schemaProblems(input: TenantInput, catalog: ModelCatalog = baseCatalog): string[] {
  const parsed = tenantSchemaFor(catalog).safeParse(input, { reportInput: true });
  return parsed.success
    ? []
    : zodIssuesToErrors("tenants/claims.ts", parsed.error.issues).map(formatInputError);
}

function stackProblems(input: TenantInput, stack = config()): string[] {
  return tenantsForStack(
    [{ file: "tenants/claims.ts", definition: tenantSchemaFor(stackCatalog(stack.models)).parse(input) }],
    stack,
  ).errors.map(formatInputError);
}

const profile = (fields: Record<string, unknown>) =>
  validTenant({ profiles: [{ name: "chatbot", ...fields } as never] });

describe("inputs AWS would refuse are refused by the schema", () => {
  it("refuses a profile description outside Bedrock's pattern, and keeps one inside it", () => {
    assert.deepEqual(
      schemaProblems(profile({ model: "amazon.nova-lite-v1:0", description: "Claims (FNOL) bot / v2" })),
      [
        'tenants/claims.ts: profiles[0].description: Bedrock CreateInferenceProfile would reject it: 1-200 characters of [0-9a-zA-Z:.] with single " ", "_" or "-" between them (([0-9a-zA-Z:.][ _-]?)+), got "Claims (FNOL) bot / v2"',
      ],
    );
    assert.deepEqual(
      schemaProblems(profile({ model: "amazon.nova-lite-v1:0", description: "Claims FNOL bot v2" })),
      [],
    );
  });

  it("refuses a single-Region profile of a model Bedrock serves only through inference profiles, naming the geos", () => {
    assert.deepEqual(schemaProblems(profile({ model: "anthropic.claude-sonnet-4-5-20250929-v1:0" })), [
      "tenants/claims.ts: profiles[0].crossRegion: Bedrock serves anthropic.claude-sonnet-4-5-20250929-v1:0 only through inference profiles, not as a single-Region on-demand model: set crossRegion to one of us, eu, apac, global, got nothing",
    ]);
    assert.deepEqual(
      schemaProblems(profile({ model: "anthropic.claude-sonnet-4-5-20250929-v1:0", crossRegion: "global" })),
      [],
    );
  });

  it("checks crossRegion against the account's Region: us from an eu account, eu from us-east-1", () => {
    const eu = { ...profile({ model: "amazon.nova-lite-v1:0", crossRegion: "us" }), account: "eu-ai" };
    assert.deepEqual(stackProblems(eu), [
      'tenants/claims.ts: profiles[0].crossRegion: the "us" profiles are not offered in eu-west-1, the Region of account "eu-ai"; use eu',
    ]);
    assert.deepEqual(stackProblems(profile({ model: "amazon.nova-lite-v1:0", crossRegion: "eu" })), [
      'tenants/claims.ts: profiles[0].crossRegion: the "eu" profiles are not offered in us-east-1, the Region of account "us-ai"; use us',
    ]);
  });

  it("refuses an alarm topic in another Region or partition than the tenant's", () => {
    const tenant = validTenant({
      notify: { emails: [], snsTopicArns: ["arn:aws:sns:eu-west-1:111122223333:oncall"] },
    });
    assert.deepEqual(stackProblems(tenant), [
      "tenants/claims.ts: notify.snsTopicArns[0]: expected a topic in the tenant's Region us-east-1 (partition aws): CloudWatch alarms publish only to topics of their own Region",
    ]);
  });

  it("refuses a stack roleArn outside its accountId, which allowedAccountIds would refuse at deploy", () => {
    const parsed = stackConfigSchema.safeParse(
      configInput({
        accounts: { a: { accountId: "111122223333", roleArn: "arn:aws:iam::999988887777:role/deploy" } },
        defaultAccount: "a",
      }),
      { reportInput: true },
    );
    assert.ok(!parsed.success);
    assert.deepEqual(zodIssuesToErrors("Pulumi.dev.yaml", parsed.error.issues).map(formatInputError), [
      'Pulumi.dev.yaml: accounts.a.roleArn: expected a role in account 111122223333 (its accountId): the provider allows only that account, got "arn:aws:iam::999988887777:role/deploy"',
    ]);
  });

  it("lets a stack add a model the catalog lacks, validated like the catalog, and says how to add an unknown one", () => {
    const unknown = profile({ model: "acme.frontier-v1:0", crossRegion: "us" });
    assert.match(
      schemaProblems(unknown)[0],
      /is not a model of the catalog \(did you mean .*\); to use a model the catalog lacks, add it to the stack config under bedrock-cost-governance:models/,
    );
    const stack = config({
      models: [
        { id: "acme.frontier-v1:0", inputPer1M: 2, outputPer1M: 8, crossRegion: ["us"], profileOnly: true },
      ],
    });
    const catalog = stackCatalog(stack.models);
    assert.deepEqual(schemaProblems(unknown, catalog), []);
    const [tenant] = tenantsForStack(
      [{ file: "tenants/claims.ts", definition: tenantSchemaFor(catalog).parse(unknown) }],
      stack,
    ).tenants;
    assert.deepEqual(tenant.profiles[0].price, { inputPer1M: 2, outputPer1M: 8 });
    assert.throws(() =>
      config({ models: [{ id: "not a model id", inputPer1M: -1, outputPer1M: 1, crossRegion: ["mars"] }] }),
    );
  });

  it("refuses profiles whose invoke policy would pass IAM's 6,144 characters (20 stack models with long ids)", () => {
    const models = Array.from({ length: 20 }, (_, index) => ({
      id: `acme.${"m".repeat(90)}-${String(index).padStart(2, "0")}`,
      inputPer1M: 1,
      outputPer1M: 1,
      crossRegion: ["us" as const],
    }));
    const stack = config({ models });
    const tenant = validTenant({
      profiles: models.map((model, index) => ({
        name: `p${index}`,
        model: model.id,
        crossRegion: "us" as const,
      })),
    });
    const problems = stackProblems(tenant, stack);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0],
      /^tenants\/claims\.ts: profiles: the invoke policy of these profiles would hold [\d,]+ characters; IAM takes 6,144 in a managed policy/,
    );
  });

  it("refuses a budget AWS Budgets cannot write as its decimal limit", () => {
    assert.equal(schemaProblems(validTenant({ budget: { monthlyUsd: 1e21 } })).length, 1);
    assert.equal(schemaProblems(validTenant({ budget: { monthlyUsd: 0.001 } })).length, 1);
  });

  it("builds foundation-model ARNs in the partition of the tenant's Region, also for any-Region ones", () => {
    assert.equal(
      foundationModelArn("*", "m.x", "us-gov-west-1"),
      "arn:aws-us-gov:bedrock:*::foundation-model/m.x",
    );
    assert.equal(
      foundationModelArn("cn-north-1", "m.x"),
      "arn:aws-cn:bedrock:cn-north-1::foundation-model/m.x",
    );
  });
});
