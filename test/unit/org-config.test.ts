import { strict as assert } from "node:assert";
import * as path from "node:path";
import { scpClosesModelPaths } from "../../policies/rules/scp-closes-model-paths";
import { validateStackConfig } from "../../src/config";
import { orgConfigJsonSchema, stackScopeOf } from "../../src/org-config";
import { type OrgStackInputs, validateOrgInputs } from "../../src/org-stack";
import modelActionData from "../../src/data/bedrock-model-actions.json";
import { serviceControlPolicyMaxCharacters } from "../../src/scp/limits";
import { formatInputError } from "../../src/validation";
import { deriveModelActions } from "../../tools/scp-model-actions";
import { readStackConfigFile } from "../../tools/stack-config-file";
import { TenantFixture, validTenant } from "../helpers/tenant-fixtures";

const ns = "bedrock-cost-governance";
const projectDir = path.resolve(__dirname, "../..");
const file = "Pulumi.org.yaml";

function shippedOrgConfig(): Record<string, string> {
  const read = readStackConfigFile(projectDir, "org");
  if ("errors" in read) assert.fail(read.errors.map(formatInputError).join("\n"));
  return read.config;
}

/** The shipped org config with keys replaced (values JSON-encoded as the CLI hands them over). */
function withKeys(changes: Record<string, unknown>, base = shippedOrgConfig()): Record<string, string> {
  const config = { ...base };
  for (const [key, value] of Object.entries(changes))
    config[`${ns}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  return config;
}

const fixtures: TenantFixture[] = [];
after(() => fixtures.forEach((fixture) => fixture.remove()));
function fixtureDir(): string {
  const fixture = new TenantFixture({ "claims.ts": validTenant() });
  fixtures.push(fixture);
  return fixture.root;
}

function valid(config: Record<string, string>, baseDir = fixtureDir()): OrgStackInputs {
  const result = validateOrgInputs(config, file, baseDir);
  if ("errors" in result) assert.fail(result.errors.map(formatInputError).join("\n"));
  return result;
}
function problems(config: Record<string, string>): string[] {
  const result = validateOrgInputs(config, file, fixtureDir());
  return "errors" in result ? result.errors.map(formatInputError) : [];
}

describe("org stack config (scope: organization)", () => {
  it("is selected by scope: organization, and environment stacks keep their own schema", () => {
    assert.equal(stackScopeOf(shippedOrgConfig()), "organization");
    const dev = readStackConfigFile(projectDir, "dev");
    assert.ok(!("errors" in dev));
    assert.equal(stackScopeOf(dev.config), "environment");
    // An environment stack file that says scope: organization is read with the org schema, not half-accepted.
    assert.ok(
      "errors" in validateStackConfig({ ...dev.config, [`${ns}:scope`]: "organization" }, "Pulumi.dev.yaml"),
    );
  });

  it("exports its JSON Schema for editors, with the org keys and their defaults", () => {
    const schema = orgConfigJsonSchema() as {
      properties: Record<string, { default?: unknown }>;
      required: string[];
    };
    assert.deepEqual(Object.keys(schema.properties).sort(), [
      "activateTags",
      "environments",
      "mandatoryTags",
      "maxAnomalyMonitors",
      "payer",
      "scope",
      "serviceControlPolicies",
      "tenantsDir",
    ]);
    assert.deepEqual(schema.required.sort(), ["environments", "payer", "scope"]);
    assert.equal(schema.properties.maxAnomalyMonitors.default, 450);
  });

  it("names the tenantsDir key when its directory does not exist, as the environment stacks do", () => {
    assert.deepEqual(problems(withKeys({ tenantsDir: "no-such-tenants" })), [
      'Pulumi.org.yaml: bedrock-cost-governance:tenantsDir: no such directory "no-such-tenants"',
    ]);
  });

  it("resolves each governed environment's tenants with that environment's accounts", () => {
    const inputs = valid(shippedOrgConfig());
    assert.deepEqual(
      inputs.environments.map((environment) => [
        environment.name,
        environment.tenants.map((tenant) => `${tenant.name}@${tenant.accountId}`),
      ]),
      [
        ["dev", ["claims@111122223333"]],
        ["prod", ["claims@777788889999"]],
      ],
    );
    // In the accounts' key order: the CLI hands a map over as Go's json.Marshal writes it, keys sorted.
    assert.deepEqual(inputs.environments[1].deployRoleArns, [
      "arn:aws:iam::012345678901:role/bedrock-governance-deploy",
      "arn:aws:iam::777788889999:role/bedrock-governance-deploy",
    ]);
  });

  it("governs the shipped environments with the same accounts as their own stack files", () => {
    const org = valid(shippedOrgConfig(), projectDir);
    for (const environment of ["dev", "prod"]) {
      const own = readStackConfigFile(projectDir, environment);
      assert.ok(!("errors" in own));
      const parsed = validateStackConfig(own.config, `Pulumi.${environment}.yaml`);
      assert.ok("config" in parsed);
      assert.deepEqual(org.config.environments[environment].accounts, parsed.config.accounts, environment);
      assert.equal(org.config.environments[environment].defaultAccount, parsed.config.defaultAccount);
      assert.equal(parsed.config.billing.accountId, org.config.payer.accountId, `${environment}'s payer`);
      assert.deepEqual(parsed.config.mandatoryTags, org.config.mandatoryTags, environment);
    }
  });

  it("names the file and key of an environment whose defaultAccount is not one of its accounts", () => {
    const environments = JSON.parse(shippedOrgConfig()[`${ns}:environments`]);
    environments.dev.defaultAccount = "nowhere";
    assert.deepEqual(problems(withKeys({ environments })), [
      'Pulumi.org.yaml: bedrock-cost-governance:environments.dev.defaultAccount: expected an alias of environments.dev.accounts (claims-ai, shared-ai), got "nowhere"',
    ]);
  });

  it("refuses SCPs without targets, and the management account as a target or a tenant account", () => {
    assert.deepEqual(problems(withKeys({ serviceControlPolicies: { targets: [] } })), [
      "Pulumi.org.yaml: bedrock-cost-governance:serviceControlPolicies.targets: name the roots, OUs or accounts the SCPs attach to, or set serviceControlPolicies.manage: false, got []",
    ]);
    assert.deepEqual(problems(withKeys({ serviceControlPolicies: { targets: ["123456789012"] } })), [
      'Pulumi.org.yaml: bedrock-cost-governance:serviceControlPolicies.targets[0]: is the management account, which SCPs do not affect; attach them to the OUs or member accounts, got "123456789012"',
    ]);
    const environments = JSON.parse(shippedOrgConfig()[`${ns}:environments`]);
    environments.dev.accounts["shared-ai"].accountId = "123456789012";
    assert.match(
      problems(withKeys({ environments }))[0],
      /environments\.dev\.accounts\.shared-ai\.accountId: is the payer \(management\) account/,
    );
  });

  it("leaves the SCPs out with manage: false (and needs no targets then)", () => {
    assert.deepEqual(
      valid(withKeys({ serviceControlPolicies: { manage: false } })).serviceControlPolicies,
      [],
    );
  });

  it("refuses an SCP over 5,120 characters, naming it, before any resource", () => {
    const breakGlassRoleArns = Array.from(
      { length: 80 },
      (_, index) => `arn:aws:iam::*:role/break-glass-${index}`,
    );
    const [problem, ...rest] = problems(
      withKeys({ serviceControlPolicies: { targets: ["ou-exam-12345678"], breakGlassRoleArns } }),
    );
    assert.match(
      problem,
      /^Pulumi\.org\.yaml: bedrock-cost-governance:serviceControlPolicies: the SCP "bedrock-[a-z-]+" is [\d,]+ characters; AWS Organizations allows 5,120/,
    );
    assert.ok(rest.every((other) => other.includes("characters")));
  });

  it("refuses more than 5 SCPs on one target, counting those attached elsewhere", () => {
    assert.deepEqual(
      problems(
        withKeys({ serviceControlPolicies: { targets: ["ou-exam-12345678"], otherPoliciesPerTarget: 3 } }),
      ),
      [
        "Pulumi.org.yaml: bedrock-cost-governance:serviceControlPolicies.targets[0]: ou-exam-12345678 would have 6 SCPs attached (3 from this stack, 3 already there, FullAWSAccess included); AWS Organizations allows 5 per root, OU or account: attach to a parent OU instead, or set serviceControlPolicies.manage: false and merge them into your own",
      ],
    );
  });

  it("builds the shipped SCPs within AWS's size limit, one Null key per statement", () => {
    const { serviceControlPolicies } = valid(shippedOrgConfig());
    assert.deepEqual(
      serviceControlPolicies.map((scp) => scp.name),
      [
        "bedrock-invoke-through-application-profiles",
        "bedrock-profiles-carry-cost-tags",
        "bedrock-profile-cost-tags-locked",
      ],
    );
    for (const scp of serviceControlPolicies)
      assert.ok(scp.content.length <= serviceControlPolicyMaxCharacters, scp.name);
    const tagged = JSON.parse(serviceControlPolicies[1].content) as {
      Statement: Array<{ Condition: { Null: object } }>;
    };
    assert.equal(tagged.Statement.length, 6);
    for (const statement of tagged.Statement) assert.equal(Object.keys(statement.Condition.Null).length, 1);
  });

  it("denies exactly the spending actions the pack's spending surface lists today (regenerate with npm run generate:scp-actions)", () => {
    assert.deepEqual(modelActionData, deriveModelActions());
  });

  it("is judged by the pack with the same action list (scp-closes-model-paths defaults to it)", () => {
    const schema = scpClosesModelPaths.configSchema!.properties.modelActions as { default: string[] };
    assert.deepEqual(schema.default, modelActionData.actions);
  });
});
