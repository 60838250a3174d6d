import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { formatInputError } from "../../src/validation";
import { useTenantFixtures, validTenant, type TenantFileContent } from "../helpers/tenant-fixtures";
import { tempDir } from "../helpers/temp-files";

const tenant = validTenant();
const literal = JSON.stringify(tenant);
/** The tenant's keys but budget and notify, as source text to write those two by hand after. */
const { budget: _budget, notify: _notify, ...rest } = tenant;
const restKeys = JSON.stringify(rest).slice(1, -1);
const importLine = `import { defineTenant } from "../src/tenant";\n`;

describe("tenant files are data, never run", () => {
  const tenantDir = useTenantFixtures();
  const problems = (files: Record<string, TenantFileContent>): string[] =>
    tenantDir(files).load().errors.map(formatInputError);
  const problemsOf = (source: string): string[] => problems({ "claims.ts": source });

  describe("a file that tries to run code", () => {
    const marker = () => path.join(tempDir("bcg-marker-"), "ran");

    it("is refused at the import, and the command it would run never runs", () => {
      const ran = marker();
      const source = [
        `import { defineTenant } from "../src/tenant";`,
        `import { execSync } from "node:child_process";`,
        `execSync(${JSON.stringify(`touch ${ran}`)});`,
        `export default defineTenant(${literal});`,
      ].join("\n");
      assert.deepEqual(problemsOf(source), [
        'tenants/claims.ts:2:1: only literal tenant definitions are allowed: an import of "node:child_process" (tenant files may import only defineTenant from src/tenant)',
      ]);
      assert.equal(fs.existsSync(ran), false, "the tenant file's command ran");
    });

    it("is refused in one line when the import path holds a newline", () => {
      const source = `import { defineTenant } from "node:child_process\\n";\nexport default defineTenant(${literal});\n`;
      assert.deepEqual(problemsOf(source), [
        'tenants/claims.ts:1:1: only literal tenant definitions are allowed: an import of "node:child_process\\n" (tenant files may import only defineTenant from src/tenant)',
      ]);
    });

    it("is refused at a require inside the literal, and the file it would write is never written", () => {
      const ran = marker();
      const source = `${importLine}export default defineTenant({ name: require("fs").writeFileSync(${JSON.stringify(ran)}, "x") });\n`;
      const [problem, ...others] = problemsOf(source);
      assert.deepEqual(others, []);
      assert.ok(
        problem.startsWith(
          'tenants/claims.ts:2:37: only literal tenant definitions are allowed: a call `require("fs").writeFileSync(',
        ),
        problem,
      );
      assert.equal(fs.existsSync(ran), false, "the tenant file's code ran");
    });
  });

  describe("what is refused, at its line and column", () => {
    const at = (body: string) =>
      `${importLine}export default defineTenant({\n  name: "claims",\n  ${body}\n});\n`;

    /** Each behaviour with the sources that show it and the one problem each of them gets. */
    const refusals: Array<[behaviour: string, cases: Array<[source: string, problem: string]>]> = [
      [
        "a template expression",
        [
          [
            at("app: `chat-${1}`,"),
            'tenants/claims.ts:4:8: only literal tenant definitions are allowed: a template expression "`chat-${1}`"',
          ],
        ],
      ],
      [
        "a computed key",
        [
          [
            at('["bud" + "get"]: { monthlyUsd: 1 },'),
            'tenants/claims.ts:4:3: only literal tenant definitions are allowed: a computed key `["bud" + "get"]`',
          ],
        ],
      ],
      [
        "a spread of a variable and a shorthand property",
        [
          [
            at("...base,"),
            "tenants/claims.ts:4:3: only literal tenant definitions are allowed: a spread `...base`",
          ],
          [
            at("budget,"),
            "tenants/claims.ts:4:3: only literal tenant definitions are allowed: the shorthand property `budget` (write `budget: <value>`)",
          ],
        ],
      ],
      [
        "a variable, a name and a function",
        [
          [
            `const budget = { monthlyUsd: 1 };\nexport default { name: "claims", budget };\n`,
            "tenants/claims.ts:1:1: only literal tenant definitions are allowed: a variable declaration `const budget = { monthlyUsd: 1 };`",
          ],
          [
            at("tags: process.env,"),
            "tenants/claims.ts:4:9: only literal tenant definitions are allowed: a property access `process.env`",
          ],
          [
            at("notify: (() => ({}))(),"),
            "tenants/claims.ts:4:11: only literal tenant definitions are allowed: a call `(() => ({}))()`",
          ],
        ],
      ],
    ];
    for (const [behaviour, cases] of refusals)
      it(behaviour, () => {
        for (const [source, problem] of cases) assert.deepEqual(problemsOf(source), [problem], source);
      });

    it("a named import src/tenant does not export, with a did-you-mean", () => {
      assert.deepEqual(
        problemsOf(
          `import { defineTenants } from "../src/tenant";\nexport default defineTenants(${literal});\n`,
        ),
        [
          'tenants/claims.ts:1:10: "defineTenants" is not exported by ../src/tenant; did you mean "defineTenant"?',
        ],
      );
    });

    it("a default export that is a Promise, in one message", () => {
      const expected = [
        "tenants/claims.ts:2:16: the default export is a Promise: export the tenant object itself, `export default defineTenant({ ... })`",
      ];
      assert.deepEqual(problemsOf(`${importLine}export default Promise.resolve(${literal});\n`), expected);
      assert.deepEqual(problemsOf(`${importLine}export default (async () => (${literal}))();\n`), expected);
    });
  });

  describe("what is accepted", () => {
    it("defineTenant or a plain object, as const, satisfies, comments, numeric separators and no-substitution templates", () => {
      const source = [
        `import { defineTenant } from "../src/tenant";`,
        `import type { TenantInput } from "../src/tenant";`,
        `/** The claims tenant. */`,
        `export default defineTenant({`,
        `  ${restKeys},`,
        `  budget: { monthlyUsd: 10_000, alertAtPercent: [50, 100] as const }, // a comment`,
        `  notify: { emails: [\`claims@example.com\`] },`,
        `} satisfies TenantInput);`,
      ].join("\n");
      const { tenants, errors } = tenantDir({ "claims.ts": source }).load();
      assert.deepEqual(errors, []);
      assert.deepEqual(tenants[0].definition.budget, {
        monthlyUsd: 10_000,
        alertAtPercent: [50, 100],
        forecastAtPercent: 100,
        onExceed: "notify",
      });
    });

    it("keeps a __proto__ key a key, so validation refuses it", () => {
      assert.deepEqual(
        problemsOf(
          `export default { ...${literal.slice(1, -1)}, "__proto__": { budget: 1 } };\n`.replace("...", ""),
        ),
        ['tenants/claims.ts: unknown key "__proto__"'],
      );
    });
  });

  describe("values validation names", () => {
    it("names NaN and Infinity instead of calling them null", () => {
      const notify = JSON.stringify(tenant.notify);
      const source = `export default { ${restKeys}, notify: ${notify}, budget: { monthlyUsd: Infinity }, alarms: { maxInvocationsPerMinute: NaN } };\n`;
      assert.deepEqual(problemsOf(source), [
        "tenants/claims.ts: budget.monthlyUsd: expected a number greater than 0, got Infinity",
        "tenants/claims.ts: alarms.maxInvocationsPerMinute: expected a finite number, got NaN",
      ]);
    });

    it("suggests the catalog id of a model id that lost its version suffix", () => {
      const profiles = [{ name: "chatbot", model: "amazon.nova-lite-v1" }];
      assert.deepEqual(problems({ "claims.ts": { ...tenant, profiles } }), [
        'tenants/claims.ts: profiles[0].model: "amazon.nova-lite-v1" is not a model of the catalog (src/data/bedrock-models.json); did you mean "amazon.nova-lite-v1:0"?',
      ]);
    });

    it("turns a cross-Region profile id into model and crossRegion", () => {
      const profiles = [{ name: "chatbot", model: "us.amazon.nova-lite-v1:0" }];
      assert.deepEqual(problems({ "claims.ts": { ...tenant, profiles } }), [
        'tenants/claims.ts: profiles[0].model: "us.amazon.nova-lite-v1:0" is a cross-Region profile id: use `model: amazon.nova-lite-v1:0` with `crossRegion: us`',
      ]);
    });

    it("says what type is expected in words, not zod's (no 'expected record')", () => {
      assert.deepEqual(problems({ "claims.ts": { ...tenant, tags: "dept=claims" } }), [
        'tenants/claims.ts: tags: expected an object of keys and values, got "dept=claims"',
      ]);
    });
  });
});
