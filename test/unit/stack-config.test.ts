import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { type StackConfig, validateStackConfig } from "../../src/config";
import { type InputError, formatInputError } from "../../src/validation";
import { readStackConfigFile } from "../../tools/stack-config-file";
import { tempDir } from "../helpers/temp-files";

const ns = "bedrock-cost-governance";

/** A minimal valid stack, in the flat shape the Pulumi CLI hands the program (structured values JSON-encoded). */
const flatConfig: Record<string, string> = {
  "aws:region": "us-east-1",
  [`${ns}:environment`]: "dev",
  [`${ns}:accounts`]: JSON.stringify({
    "shared-ai": { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/deploy" },
  }),
  [`${ns}:defaultAccount`]: "shared-ai",
  [`${ns}:billing`]: JSON.stringify({
    accountId: "123456789012",
    roleArn: "arn:aws:iam::123456789012:role/billing",
  }),
};

/** The flat config with some keys (project namespace added) set, JSON-encoded unless strings, or removed when undefined. */
function withKeys(changes: Record<string, unknown>): Record<string, string> {
  const config = { ...flatConfig };
  for (const [key, value] of Object.entries(changes)) {
    const fullKey = key.includes(":") ? key : `${ns}:${key}`;
    if (value === undefined) delete config[fullKey];
    else config[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}

function problems(config: Record<string, string>): string[] {
  const result = validateStackConfig(config, "Pulumi.dev.yaml");
  return "errors" in result ? result.errors.map(formatInputError) : [];
}

function valid(config: Record<string, string>): StackConfig {
  const result = validateStackConfig(config, "Pulumi.dev.yaml");
  if ("errors" in result) assert.fail(result.errors.map(formatInputError).join("\n"));
  return result.config;
}

describe("stack config (validateStackConfig)", () => {
  describe("defaults", () => {
    it("fills every optional key with its documented default", () => {
      assert.deepEqual(valid(flatConfig), {
        environment: "dev",
        region: "us-east-1",
        mandatoryTags: ["tenant", "environment", "dept", "team", "app", "cost-center"],
        accounts: {
          "shared-ai": { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/deploy" },
        },
        defaultAccount: "shared-ai",
        billing: {
          accountId: "123456789012",
          roleArn: "arn:aws:iam::123456789012:role/billing",
        },
        models: [],
        priceOverrides: {},
        protectedEnvironments: ["prod"],
        tenantsDir: "tenants",
        alarmDimension: "profileId",
      });
    });

    it("takes the Region from aws:region when the project sets none, and us-east-1 when neither does", () => {
      assert.equal(valid(withKeys({ "aws:region": "eu-central-1" })).region, "eu-central-1");
      assert.equal(
        valid(withKeys({ "aws:region": "eu-central-1", region: "eu-west-1" })).region,
        "eu-west-1",
      );
      assert.equal(valid(withKeys({ "aws:region": undefined })).region, "us-east-1");
    });

    it("still accepts billing.manage: false, which asks for nothing in the payer account", () => {
      const config = valid(
        withKeys({ billing: { ...JSON.parse(flatConfig[`${ns}:billing`]), manage: false } }),
      );
      assert.equal(config.billing.manage, false);
    });
  });

  describe("problems, each named by file and key", () => {
    const accountCases: Array<{ it: string; account: object; problems: string[] }> = [
      {
        it: "names the nested key of an account id that is not 12 digits",
        account: { accountId: "11112222333", roleArn: "arn:aws:iam::111122223333:role/deploy" },
        problems: [
          'Pulumi.dev.yaml: bedrock-cost-governance:accounts.shared-ai.accountId: expected a 12-digit AWS account id (quoted in YAML), got "11112222333"',
        ],
      },
      {
        it: "refuses an account id left unquoted in YAML (a number) and a role that is not an IAM role ARN",
        account: { accountId: 111122223333, roleArn: "arn:aws:iam::111122223333:user/deploy" },
        problems: [
          'Pulumi.dev.yaml: bedrock-cost-governance:accounts.shared-ai.accountId: 111122223333 is a YAML number: quote the 12-digit account id ("111122223333")',
          'Pulumi.dev.yaml: bedrock-cost-governance:accounts.shared-ai.roleArn: expected an IAM role ARN, got "arn:aws:iam::111122223333:user/deploy"',
        ],
      },
      {
        it: "says YAML dropped the leading zero of an unquoted account id such as 012345678901",
        account: { accountId: 12345678901, roleArn: "arn:aws:iam::012345678901:role/deploy" },
        problems: [
          'Pulumi.dev.yaml: bedrock-cost-governance:accounts.shared-ai.accountId: 12345678901 is a YAML number: YAML dropped the leading zero; quote the account id: "012345678901"',
        ],
      },
    ];
    for (const c of accountCases)
      it(c.it, () =>
        assert.deepEqual(problems(withKeys({ accounts: { "shared-ai": c.account } })), c.problems),
      );

    it("refuses a defaultAccount that is not an alias of accounts", () => {
      assert.deepEqual(problems(withKeys({ defaultAccount: "claims-ai" })), [
        'Pulumi.dev.yaml: bedrock-cost-governance:defaultAccount: expected an alias of accounts (shared-ai), got "claims-ai"',
      ]);
    });

    it("refuses an accountScope that is not an alias of accounts", () => {
      assert.deepEqual(problems(withKeys({ accountScope: "claims-ai" })), [
        'Pulumi.dev.yaml: bedrock-cost-governance:accountScope: expected an alias of accounts (shared-ai), got "claims-ai"',
      ]);
    });

    it("refuses a price override for a model the catalog does not list, and a negative price", () => {
      const priceOverrides = {
        "openai.gpt-9": { inputPer1M: 1, outputPer1M: 2 },
        "amazon.nova-lite-v1:0": { inputPer1M: -0.05, outputPer1M: 0.2 },
      };
      assert.deepEqual(problems(withKeys({ priceOverrides })), [
        "Pulumi.dev.yaml: bedrock-cost-governance:priceOverrides.amazon.nova-lite-v1:0.inputPer1M: expected a number at least 0, got -0.05",
        'Pulumi.dev.yaml: bedrock-cost-governance:priceOverrides.openai.gpt-9: not a model of the catalog: add it under bedrock-cost-governance:models (or to src/data/bedrock-models.json) first, got "openai.gpt-9"',
      ]);
    });

    it("refuses an unknown key of the project namespace with a did-you-mean, and allows other providers' namespaces", () => {
      assert.deepEqual(
        problems(
          withKeys({
            mandatoryTag: ["tenant"],
            "aws:profile": "finops",
            "pulumi:tags": "{}",
            "random:seed": "1",
          }),
        ),
        [
          'Pulumi.dev.yaml: bedrock-cost-governance:mandatoryTag: unknown key; did you mean "bedrock-cost-governance:mandatoryTags"?',
        ],
      );
    });

    it("refuses a key in a misspelt namespace and a key with none, naming each", () => {
      const flat = {
        ...flatConfig,
        "bedrock-cost-governence:protectedEnvironments": '["prod"]',
        region: "us-east-1",
      };
      assert.deepEqual(problems(flat), [
        'Pulumi.dev.yaml: bedrock-cost-governence:protectedEnvironments: unknown namespace "bedrock-cost-governence"; did you mean "bedrock-cost-governance:protectedEnvironments"?',
        'Pulumi.dev.yaml: region: a key needs a namespace: write "bedrock-cost-governance:region"',
      ]);
    });

    it("names a missing required key", () => {
      assert.deepEqual(problems(withKeys({ environment: undefined })), [
        "Pulumi.dev.yaml: bedrock-cost-governance:environment: required (expected a string), got nothing",
      ]);
    });

    it("refuses an environment, Region or alarm dimension outside its allowed values", () => {
      assert.deepEqual(
        problems(withKeys({ environment: "Dev", region: "virginia", alarmDimension: "arn" })),
        [
          'Pulumi.dev.yaml: bedrock-cost-governance:environment: expected a lowercase environment name of [a-z0-9], at most 16 characters, got "Dev"',
          'Pulumi.dev.yaml: bedrock-cost-governance:region: expected an AWS Region such as us-east-1, got "virginia"',
          'Pulumi.dev.yaml: bedrock-cost-governance:alarmDimension: expected one of "profileId", "profileArn", got "arn"',
        ],
      );
    });

    it("refuses mandatory tag keys AWS would refuse", () => {
      assert.deepEqual(
        problems(withKeys({ mandatoryTags: ["tenant", "environment", "aws:owner", "cost center#"] })),
        [
          'Pulumi.dev.yaml: bedrock-cost-governance:mandatoryTags[2]: the "aws:" prefix is reserved by AWS, got "aws:owner"',
          'Pulumi.dev.yaml: bedrock-cost-governance:mandatoryTags[3]: expected a tag key of [a-zA-Z0-9 ._:/=+@-], got "cost center#"',
        ],
      );
    });

    it("refuses mandatory tags without tenant or environment, which budgets and anomaly monitors filter on", () => {
      assert.deepEqual(problems(withKeys({ mandatoryTags: ["tenant", "cost-center"] })), [
        'Pulumi.dev.yaml: bedrock-cost-governance:mandatoryTags: must include "tenant" and "environment": budgets and anomaly monitors filter on them, got ["tenant","cost-center"]',
      ]);
    });

    it("refuses every key that would make an environment stack create payer-account resources, saying where they went", () => {
      const billing = JSON.parse(flatConfig[`${ns}:billing`]);
      const orgStack = "the org stack (Pulumi.org.yaml, scope: organization)";
      assert.deepEqual(
        problems(
          withKeys({ maxAnomalyMonitors: 120, billing: { ...billing, manage: true, activateTags: true } }),
        ),
        [
          `Pulumi.dev.yaml: bedrock-cost-governance:billing.manage: an environment stack creates no payer-account resource: cost allocation tags and anomaly monitors belong to ${orgStack}; remove the key, got true`,
          `Pulumi.dev.yaml: bedrock-cost-governance:billing.activateTags: cost allocation tags are activated by ${orgStack} (its activateTags); remove the key here, got true`,
          `Pulumi.dev.yaml: bedrock-cost-governance:maxAnomalyMonitors: anomaly monitors are created by ${orgStack}, which counts the payer's quota across every environment (its maxAnomalyMonitors); remove the key here, got 120`,
        ],
      );
    });

    it("refuses an empty accounts map, and then any defaultAccount", () => {
      assert.deepEqual(problems(withKeys({ accounts: {} })), [
        "Pulumi.dev.yaml: bedrock-cost-governance:accounts: expected at least one account, got {}",
        'Pulumi.dev.yaml: bedrock-cost-governance:defaultAccount: expected an alias of accounts (none), got "shared-ai"',
      ]);
    });
  });
});

describe("stack files (readStackConfigFile)", () => {
  let projectDir: string;
  const writeStack = (stack: string, text: string) =>
    fs.writeFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), text);

  beforeEach(() => {
    projectDir = tempDir("bcg-stack-");
  });
  afterEach(() => fs.rmSync(projectDir, { recursive: true, force: true }));

  it("flattens the config to the CLI's shape: strings kept, structured values JSON-encoded, secrets left out", () => {
    writeStack(
      "dev",
      [
        "config:",
        "  aws:region: us-east-1",
        "  bedrock-cost-governance:maxAnomalyMonitors: 20",
        "  bedrock-cost-governance:billing:",
        '    accountId: "123456789012"',
        "    manage: false",
        "  bedrock-cost-governance:webhook:",
        "    secure: AAABAKx1",
        "",
      ].join("\n"),
    );
    assert.deepEqual(readStackConfigFile(projectDir, "dev"), {
      file: "Pulumi.dev.yaml",
      config: {
        "aws:region": "us-east-1",
        "bedrock-cost-governance:maxAnomalyMonitors": "20",
        "bedrock-cost-governance:billing": '{"accountId":"123456789012","manage":false}',
      },
    });
  });

  it("encodes a map as the CLI does (Go's json.Marshal): keys sorted at every depth, lists in order, <>& escaped", () => {
    writeStack(
      "dev",
      [
        "config:",
        "  bedrock-cost-governance:accounts:",
        '    shared-ai: { roleArn: r2, accountId: "111122223333" }',
        '    claims-ai: { roleArn: r1, accountId: "444455556666" }',
        '  bedrock-cost-governance:notes: { zeta: [b, a], alpha: "<tag> & co" }',
        "",
      ].join("\n"),
    );
    assert.deepEqual(readStackConfigFile(projectDir, "dev"), {
      file: "Pulumi.dev.yaml",
      config: {
        "bedrock-cost-governance:accounts":
          '{"claims-ai":{"accountId":"444455556666","roleArn":"r1"},"shared-ai":{"accountId":"111122223333","roleArn":"r2"}}',
        "bedrock-cost-governance:notes": '{"alpha":"\\u003ctag\\u003e \\u0026 co","zeta":["b","a"]}',
      },
    });
  });

  const refusals: Array<{ it: string; files: Record<string, string>; stack: string; errors: InputError[] }> =
    [
      {
        it: "lists the known stacks when the stack file is missing",
        files: { dev: "config: {}\n", prod: "config: {}\n" },
        stack: "staging",
        errors: [
          { file: "Pulumi.staging.yaml", path: "", message: "no such stack file; known stacks: dev, prod" },
        ],
      },
      {
        it: "names the line of YAML it cannot parse, such as a key given twice",
        files: { dev: "config:\n  aws:region: us-east-1\n  aws:region: us-west-2\n" },
        stack: "dev",
        errors: [
          {
            file: "Pulumi.dev.yaml:3:3",
            path: "",
            message: "not valid YAML: Map keys must be unique, at `aws:region: us-west-2`",
          },
        ],
      },
      {
        it: "names YAML's .inf and .nan at their key instead of passing them on as null",
        files: { dev: "config:\n  bedrock-cost-governance:maxAnomalyMonitors: .inf\n  aws:x: [1, .nan]\n" },
        stack: "dev",
        errors: [
          {
            file: "Pulumi.dev.yaml",
            path: "bedrock-cost-governance:maxAnomalyMonitors",
            message: "Infinity is not a finite number",
          },
        ],
      },
      {
        it: "refuses a config that is not a mapping, naming config",
        files: { dev: "config:\n  - aws:region\n" },
        stack: "dev",
        errors: [{ file: "Pulumi.dev.yaml", path: "config", message: "expected a mapping" }],
      },
      {
        it: "refuses a file that is not a mapping",
        files: { dev: "- config\n" },
        stack: "dev",
        errors: [{ file: "Pulumi.dev.yaml", path: "", message: "expected a mapping with a `config:` key" }],
      },
      {
        it: "refuses a stack name that could leave the project directory",
        files: {},
        stack: "../dev",
        errors: [{ file: "Pulumi.../dev.yaml", path: "", message: '"../dev" is not a valid stack name' }],
      },
    ];
  for (const refusal of refusals) {
    it(refusal.it, () => {
      for (const [stack, text] of Object.entries(refusal.files)) writeStack(stack, text);
      assert.deepEqual(readStackConfigFile(projectDir, refusal.stack), { errors: refusal.errors });
    });
  }
});
