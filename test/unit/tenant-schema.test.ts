import { strict as assert } from "node:assert";
import { tenantSchema } from "../../src/tenant";
import { formatInputError } from "../../src/validation";
import {
  tenantModulePath,
  useTenantFixtures,
  validTenant,
  type TenantFileContent,
} from "../helpers/tenant-fixtures";

const tenant = validTenant();
const haiku = "anthropic.claude-3-haiku-20240307-v1:0";

describe("tenant files", () => {
  const tenantDir = useTenantFixtures();

  /** Every problem `loadTenants` reports for these files, rendered as users read them. */
  const problems = (files: Record<string, TenantFileContent>): string[] =>
    tenantDir(files).load().errors.map(formatInputError);
  /** The valid claims tenant file with these fields changed. */
  const claimsWith = (fields: Record<string, unknown>) => ({ "claims.ts": { ...tenant, ...fields } });

  describe("which files are tenants", () => {
    it("loads every *.ts file but index.ts, *.d.ts and files starting with _", () => {
      const { tenants, errors } = tenantDir({
        "claims.ts": tenant,
        "index.ts": "throw new Error('index.ts is not a tenant');",
        "types.d.ts": "export declare const x: number;",
        "_draft.ts": { name: "Draft!" },
        "notes.md": "# not TypeScript",
      }).load();
      assert.deepEqual(errors, []);
      assert.deepEqual(
        tenants.map((loaded) => [loaded.file, loaded.definition.name]),
        [["tenants/claims.ts", "claims"]],
      );
    });

    it("accepts a plain default export just as one wrapped in defineTenant", () => {
      const { tenants, errors } = tenantDir({
        "plain.ts": { ...tenant, name: "plain" },
        "helper.ts": `import { defineTenant } from ${JSON.stringify(tenantModulePath)};\nexport default defineTenant(${JSON.stringify({ ...tenant, name: "helper" })});\n`,
      }).load();
      assert.deepEqual(errors, []);
      const [helper, plain] = tenants.map((loaded) => loaded.definition);
      assert.deepEqual({ ...helper, name: "plain" }, plain);
    });

    it("applies the budget defaults: alerts at 50, 80 and 100%, forecast at 100%, notify on exceed", () => {
      const [loaded] = tenantDir({ "claims.ts": tenant }).load().tenants;
      assert.deepEqual(loaded.definition.budget, {
        monthlyUsd: 1000,
        alertAtPercent: [50, 80, 100],
        forecastAtPercent: 100,
        onExceed: "notify",
      });
    });

    it("reports a directory that holds no tenant files", () => {
      assert.deepEqual(problems({ "_draft.ts": tenant }), [
        "tenants: holds no tenant files (*.ts, not index.ts, *.d.ts or _*)",
      ]);
    });
  });

  describe("files that do not load as tenants", () => {
    it("reports a syntax error with the file, line and column", () => {
      assert.deepEqual(problems({ "claims.ts": `export default { name: "claims",\n  tags: { ;\n` }), [
        "tenants/claims.ts:2:11: not valid TypeScript: Property assignment expected.",
      ]);
    });

    it("refuses a file that would throw, at the statement, without running it", () => {
      assert.deepEqual(
        problems({ "claims.ts": `throw new Error("TENANT_OWNER is not set");\nexport default {};\n` }),
        [
          'tenants/claims.ts:1:1: only literal tenant definitions are allowed: `throw new Error("TENANT_OWNER is not set");`',
        ],
      );
    });

    it("reports a file with no default export", () => {
      assert.deepEqual(problems({ "claims.ts": `export const tenant = ${JSON.stringify(tenant)};\n` }), [
        "tenants/claims.ts:1:1: has no default export: end it with `export default defineTenant({ ... })`",
      ]);
    });

    it("reports a default export that is not an object", () => {
      assert.deepEqual(
        problems({ "claims.ts": `export default "claims";\n`, "list.ts": "export default [];\n" }),
        [
          'tenants/claims.ts: default export must be a tenant object, got "claims"',
          "tenants/list.ts: default export must be a tenant object, got []",
        ],
      );
    });
  });

  describe("name", () => {
    it("refuses a name that is not lowercase [a-z][a-z0-9-]*", () => {
      assert.deepEqual(problems(claimsWith({ name: "Claims_AI" })), [
        'tenants/claims.ts: name: expected lowercase [a-z][a-z0-9-]*, got "Claims_AI"',
      ]);
    });

    it("refuses a name shorter than 2 or longer than 32 characters", () => {
      assert.deepEqual(
        problems({ "a.ts": { ...tenant, name: "c" }, "b.ts": { ...tenant, name: "c".repeat(33) } }),
        [
          'tenants/a.ts: name: expected at least 2 characters, got "c"',
          `tenants/b.ts: name: expected at most 32 characters, got "${"c".repeat(33)}"`,
        ],
      );
    });

    it("refuses a copied file that keeps another tenant's name, naming the file that holds it, and nothing about its profiles", () => {
      assert.deepEqual(problems({ "claims.ts": tenant, "fraud-detection.ts": tenant }), [
        'tenants/fraud-detection.ts: name: "claims" is the tenant of tenants/claims.ts; this file must hold tenant "fraud-detection" (name: "fraud-detection")',
      ]);
    });

    it("refuses a name that is not the file's", () => {
      assert.deepEqual(problems({ "fraud.ts": { ...tenant, name: "fraud-detection" } }), [
        'tenants/fraud.ts: name: "fraud-detection" does not match the file name: tenants/fraud.ts must hold tenant "fraud" (rename the file or set name: "fraud")',
      ]);
    });
  });

  describe("strict schemas", () => {
    it("refuses an unknown key such as budgett, at the top and inside overrides", () => {
      assert.deepEqual(
        problems({
          "claims.ts": { ...tenant, budgett: { monthlyUsd: 10 } },
          "sales.ts": { ...tenant, name: "sales", environments: { dev: { budget: { monthlyUSD: 10 } } } },
        }),
        [
          'tenants/claims.ts: unknown key "budgett"; did you mean "budget"?',
          'tenants/sales.ts: environments.dev.budget: unknown key "monthlyUSD"; did you mean "monthlyUsd"?',
        ],
      );
    });
  });

  describe("tags", () => {
    const withTags = (tags: Record<string, string>) => claimsWith({ tags: { ...tenant.tags, ...tags } });

    it("refuses a user tag that redefines tenant or environment", () => {
      const reserved =
        'the program sets "tenant", "environment", "profile" and "model": they may not be redefined';
      assert.deepEqual(problems(withTags({ tenant: "other", environment: "prod" })), [
        `tenants/claims.ts: tags.tenant: ${reserved}, got "tenant"`,
        `tenants/claims.ts: tags.environment: ${reserved}, got "environment"`,
      ]);
    });

    it("refuses the aws: prefix whatever its case", () => {
      assert.deepEqual(problems(withTags({ "aws:x": "1", "AWS:y": "2" })), [
        'tenants/claims.ts: tags.aws:x: the "aws:" prefix is reserved by AWS, got "aws:x"',
        'tenants/claims.ts: tags.AWS:y: the "aws:" prefix is reserved by AWS, got "AWS:y"',
      ]);
    });

    it("refuses characters outside [a-zA-Z0-9 ._:/=+@-] in keys and values", () => {
      assert.deepEqual(problems(withTags({ app: "claims&co", "team#1": "a" })), [
        'tenants/claims.ts: tags.app: a tag value may only contain [a-zA-Z0-9 ._:/=+@-], at most 256, got "claims&co"',
        'tenants/claims.ts: tags.team#1: a tag key may only contain [a-zA-Z0-9 ._:/=+@-], got "team#1"',
      ]);
    });

    it("accepts a key of 128 and a value of 256 characters, and refuses one more of either", () => {
      assert.deepEqual(problems(withTags({ ["k".repeat(128)]: "v".repeat(256) })), []);
      assert.deepEqual(problems(withTags({ team: "v".repeat(257), ["k".repeat(129)]: "v" })), [
        `tenants/claims.ts: tags.team: expected at most 256 characters, got "${"v".repeat(56)}...`,
        `tenants/claims.ts: tags.${"k".repeat(129)}: expected at most 128 characters, got "${"k".repeat(56)}...`,
      ]);
    });
  });

  describe("notify", () => {
    it("refuses an address that is not an email", () => {
      assert.deepEqual(
        problems(claimsWith({ notify: { emails: ["claims@example.com", "finops at example"] } })),
        ['tenants/claims.ts: notify.emails[1]: expected an email address, got "finops at example"'],
      );
    });

    it("refuses a notify with no email and no SNS topic", () => {
      assert.deepEqual(problems(claimsWith({ notify: { emails: [], snsTopicArns: [] } })), [
        'tenants/claims.ts: notify: expected at least one email address or SNS topic ARN, got {"emails":[],"snsTopicArns":[]}',
      ]);
    });

    it("accepts SNS topics alone and refuses an ARN that is not an SNS topic", () => {
      const topic = "arn:aws:sns:us-east-1:111122223333:claims-oncall";
      assert.deepEqual(problems(claimsWith({ notify: { snsTopicArns: [topic] } })), []);
      assert.deepEqual(
        problems(claimsWith({ notify: { snsTopicArns: ["arn:aws:sqs:us-east-1:111122223333:q"] } })),
        [
          'tenants/claims.ts: notify.snsTopicArns[0]: expected an SNS topic ARN, got "arn:aws:sqs:us-east-1:111122223333:q"',
        ],
      );
    });
  });

  describe("profiles", () => {
    const withProfiles = (profiles: object[]) => claimsWith({ profiles });

    const cases: Array<{ it: string; profiles: object[]; problems: string[] }> = [
      {
        it: "needs at least one profile",
        profiles: [],
        problems: ["tenants/claims.ts: profiles: expected at least 1 item, got []"],
      },
      {
        it: "refuses a profile name that is not lowercase [a-z0-9-]",
        profiles: [{ name: "Chat_bot", model: haiku }],
        problems: [
          'tenants/claims.ts: profiles[0].name: expected a lowercase name of [a-z0-9-], 1-32 characters, starting with a letter, got "Chat_bot"',
        ],
      },
      {
        it: "refuses a profile name used twice in the tenant",
        profiles: [
          { name: "chatbot", model: haiku },
          { name: "chatbot", model: "amazon.nova-lite-v1:0" },
        ],
        problems: [
          'tenants/claims.ts: profiles[1].name: duplicate profile name: each name may appear once in a tenant, got "chatbot"',
        ],
      },
      {
        it: "refuses a model the catalog does not list, rather than pricing it at zero",
        profiles: [{ name: "chatbot", model: "anthropic.claude-9" }],
        problems: [
          'tenants/claims.ts: profiles[0].model: "anthropic.claude-9" is not a model of the catalog (did you mean anthropic.claude-3-haiku-20240307-v1:0, anthropic.claude-3-sonnet-20240229-v1:0, anthropic.claude-3-5-sonnet-20240620-v1:0?); to use a model the catalog lacks, add it to the stack config under bedrock-cost-governance:models with id, inputPer1M, outputPer1M, crossRegion and profileOnly, or to src/data/bedrock-models.json with its source',
        ],
      },
      {
        it: "refuses a cross-Region geo the catalog says does not serve the model",
        profiles: [{ name: "chatbot", model: "anthropic.claude-3-5-haiku-20241022-v1:0", crossRegion: "eu" }],
        problems: [
          'tenants/claims.ts: profiles[0].crossRegion: the catalog has no cross-Region profile in this geo for anthropic.claude-3-5-haiku-20241022-v1:0; available: us, got "eu"',
        ],
      },
      {
        it: "refuses any geo for a model with no cross-Region profile, and a geo that is not us, eu, apac or global",
        profiles: [
          { name: "lite", model: "amazon.titan-text-lite-v1", crossRegion: "us" },
          { name: "mars", model: haiku, crossRegion: "mars" },
        ],
        problems: [
          'tenants/claims.ts: profiles[0].crossRegion: the catalog has no cross-Region profile in this geo for amazon.titan-text-lite-v1; available: none (use a single-Region profile), got "us"',
          'tenants/claims.ts: profiles[1].crossRegion: expected one of "us", "eu", "apac", "global", got "mars"',
        ],
      },
    ];
    for (const c of cases) it(c.it, () => assert.deepEqual(problems(withProfiles(c.profiles)), c.problems));
  });

  describe("budget", () => {
    const withBudget = (budget: object) => claimsWith({ budget });

    it("refuses a monthlyUsd that is not a number greater than 0", () => {
      assert.deepEqual(
        problems({
          ...withBudget({ monthlyUsd: "1000" }),
          "zero.ts": { ...tenant, name: "zero", budget: { monthlyUsd: 0 } },
        }),
        [
          'tenants/claims.ts: budget.monthlyUsd: expected a number greater than 0, got "1000"',
          "tenants/zero.ts: budget.monthlyUsd: expected a number greater than 0, got 0",
        ],
      );
    });

    it("refuses an alert threshold outside 1-1000 percent", () => {
      assert.deepEqual(problems(withBudget({ monthlyUsd: 10, alertAtPercent: [0, 80, 1001] })), [
        "tenants/claims.ts: budget.alertAtPercent[0]: expected a number at least 1, got 0",
        "tenants/claims.ts: budget.alertAtPercent[2]: expected a number at most 1000, got 1001",
      ]);
    });

    it("refuses an alert threshold listed twice", () => {
      assert.deepEqual(problems(withBudget({ monthlyUsd: 10, alertAtPercent: [80, 100, 80] })), [
        "tenants/claims.ts: budget.alertAtPercent: each threshold may appear once, got [80,100,80]",
      ]);
    });

    it("refuses a forecast threshold outside 1-1000 percent", () => {
      assert.deepEqual(problems(withBudget({ monthlyUsd: 10, forecastAtPercent: 1500 })), [
        "tenants/claims.ts: budget.forecastAtPercent: expected a number at most 1000, got 1500",
      ]);
    });

    it("refuses an onExceed other than notify or deny", () => {
      assert.deepEqual(problems(withBudget({ monthlyUsd: 10, onExceed: "stop" })), [
        'tenants/claims.ts: budget.onExceed: expected one of "notify", "deny", got "stop"',
      ]);
    });

    it("refuses a workload role given as an ARN instead of a role name", () => {
      assert.deepEqual(
        problems(claimsWith({ workloadRoles: ["arn:aws:iam::111122223333:role/claims-api"] })),
        [
          'tenants/claims.ts: workloadRoles[0]: expected an IAM role name (not an ARN), got "arn:aws:iam::111122223333:role/claims-api"',
        ],
      );
    });
  });

  describe("alarms", () => {
    it("refuses a non-positive rate and a fractional throttle count", () => {
      assert.deepEqual(
        problems(claimsWith({ alarms: { maxInvocationsPerMinute: 0, maxThrottlesPer5Minutes: 1.5 } })),
        [
          "tenants/claims.ts: alarms.maxInvocationsPerMinute: expected a number greater than 0, got 0",
          "tenants/claims.ts: alarms.maxThrottlesPer5Minutes: expected a whole number, got 1.5",
        ],
      );
    });
  });

  describe("environments", () => {
    it("checks overrides with the same rules and refuses an environment name that is not lowercase", () => {
      assert.deepEqual(
        problems(
          claimsWith({ environments: { dev: { budget: { monthlyUsd: -1 } }, Prod: { enabled: false } } }),
        ),
        [
          "tenants/claims.ts: environments.dev.budget.monthlyUsd: expected a number greater than 0, got -1",
          'tenants/claims.ts: environments.Prod: expected a lowercase environment name of [a-z0-9], at most 16 characters, got "Prod"',
        ],
      );
    });
  });

  describe("environments: what an override may set", () => {
    it("takes every field of the tenant but its name and profiles, with the file's own rules", () => {
      const full = tenantSchema.parse({
        ...tenant,
        account: "shared-ai",
        alarms: { maxThrottlesPer5Minutes: 5 },
        workloadRoles: ["claims-api"],
      });
      const { name: _name, profiles: _profiles, environments: _environments, ...overridable } = full;
      for (const [field, value] of Object.entries(overridable)) {
        const parsed = tenantSchema.safeParse({ ...tenant, environments: { dev: { [field]: value } } });
        assert.ok(parsed.success, `environments.dev.${field}: ${JSON.stringify(parsed.error?.issues)}`);
      }
      for (const field of ["name", "profiles"] as const) {
        const parsed = tenantSchema.safeParse({ ...tenant, environments: { dev: { [field]: full[field] } } });
        assert.ok(!parsed.success, `environments.dev.${field} is refused`);
      }
    });
  });

  describe("reporting", () => {
    it("lists every problem of every file in one run, files in name order", () => {
      assert.deepEqual(
        problems({
          "sales.ts": { ...tenant, name: "sales", notify: { emails: [] }, budget: { monthlyUsd: -5 } },
          "claims.ts": { ...tenant, budgett: 1, profiles: [{ name: "chatbot", model: "gpt-4" }] },
          "broken.ts": "export default {",
          "fine.ts": { ...tenant, name: "fine" },
        }),
        [
          "tenants/broken.ts:1:17: not valid TypeScript: '}' expected.",
          'tenants/claims.ts: profiles[0].model: "gpt-4" is not a model of the catalog (did you mean anthropic.claude-3-haiku-20240307-v1:0, anthropic.claude-3-sonnet-20240229-v1:0, anthropic.claude-3-5-sonnet-20240620-v1:0?); to use a model the catalog lacks, add it to the stack config under bedrock-cost-governance:models with id, inputPer1M, outputPer1M, crossRegion and profileOnly, or to src/data/bedrock-models.json with its source',
          'tenants/claims.ts: unknown key "budgett"; did you mean "budget"?',
          'tenants/sales.ts: notify: expected at least one email address or SNS topic ARN, got {"emails":[]}',
          "tenants/sales.ts: budget.monthlyUsd: expected a number greater than 0, got -5",
        ],
      );
    });
  });
});
