import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { validateStackConfig } from "../../src/config";
import { tenantsForStack } from "../../src/stack-tenants";
import { parseTenantValue } from "../../src/tenant-loader";
import { evaluateTenantSource } from "../../src/tenant-source";
import type { InputError } from "../../src/validation";
import { readStackConfigFile } from "../../tools/stack-config-file";
import { readStackExport } from "../../tools/check/input/stack-export";
import { compliantExport } from "../fixtures/stack-export";
import { validTenant } from "../helpers/tenant-fixtures";
import { tempDir } from "../helpers/temp-files";

/**
 * Every error names the file (`file` or `file:line:col`), has a path string and a one-line message
 * with no leaked object text.
 */
function assertWellFormed(errors: readonly InputError[], file: string): void {
  assert.ok(errors.length > 0);
  for (const error of errors) {
    assert.match(error.file, new RegExp(`^${file.replace(/\./g, "\\.")}(:\\d+:\\d+)?$`));
    assert.ok(!error.message.includes("\n"), error.message);
    assert.equal(typeof error.path, "string");
    assert.ok(error.message.length > 0 && !error.message.includes("[object Object]"), error.message);
  }
}

/** Checks `property` on `runs` generated values; fast-check shrinks a failure to the smallest input. */
function forAll<T>(values: fc.Arbitrary<T>, runs: number, property: (value: T) => void): void {
  fc.assert(fc.property(values, property), { numRuns: runs });
}

/** The fixture tenant with every optional field set, so mutations reach each of them. */
const fullTenant = () =>
  validTenant({
    profiles: [{ name: "chatbot", model: "anthropic.claude-3-haiku-20240307-v1:0", crossRegion: "us" }],
    budget: { monthlyUsd: 100, alertAtPercent: [50, 100], onExceed: "notify" },
    alarms: { maxThrottlesPer5Minutes: 5 },
    workloadRoles: ["claims-api"],
    environments: { dev: { budget: { monthlyUsd: 10 } } },
  });
const tenantPaths = [
  ["name"],
  ["account"],
  ["tags"],
  ["tags", "dept"],
  ["tags", "tenant"],
  ["notify"],
  ["notify", "emails"],
  ["notify", "emails", 0],
  ["notify", "snsTopicArns"],
  ["profiles"],
  ["profiles", 0],
  ["profiles", 0, "name"],
  ["profiles", 0, "model"],
  ["profiles", 0, "crossRegion"],
  ["profiles", 1],
  ["budget"],
  ["budget", "monthlyUsd"],
  ["budget", "alertAtPercent"],
  ["budget", "alertAtPercent", 0],
  ["budget", "onExceed"],
  ["alarms"],
  ["alarms", "maxInvocationsPerMinute"],
  ["workloadRoles"],
  ["environments"],
  ["environments", "dev"],
  ["environments", "dev", "enabled"],
  ["environments", "dev", "budget", "monthlyUsd"],
  ["environments", "dev", "account"],
  ["budgett"],
] as const;

/** Sets (or deletes, for `undefined`) the value at a path, creating containers on the way. */
function mutate(
  target: Record<string, unknown>,
  pathToSet: readonly (string | number)[],
  value: unknown,
): void {
  let node: Record<string | number, unknown> = target;
  for (const key of pathToSet.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== "object") node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = pathToSet[pathToSet.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

const mutatedTenant = fc
  .array(
    fc.tuple(
      fc.constantFrom(...tenantPaths),
      fc.oneof(fc.constant(undefined), fc.anything(), fc.string(), fc.double(), fc.array(fc.string())),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((mutations) => {
    const tenant = fullTenant() as Record<string, unknown>;
    for (const [pathToSet, value] of mutations) mutate(tenant, pathToSet, value);
    return tenant;
  });

const devConfig = (() => {
  const result = validateStackConfig(
    {
      "bedrock-cost-governance:environment": "dev",
      "bedrock-cost-governance:accounts": JSON.stringify({
        shared: { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/deploy" },
      }),
      "bedrock-cost-governance:defaultAccount": "shared",
      "bedrock-cost-governance:billing": JSON.stringify({
        accountId: "123456789012",
        roleArn: "arn:aws:iam::123456789012:role/billing",
      }),
    },
    "Pulumi.dev.yaml",
  );
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result.config;
})();

describe("robustness of every input (property-based)", () => {
  describe("tenant files", () => {
    it("never throws on random or mutated exports: either a tenant that fits the stack or `file: path: message` errors", () => {
      forAll(fc.oneof(mutatedTenant, fc.anything()), 1500, (exported) => {
        const result = parseTenantValue(exported, "tenants/fuzz.ts");
        if ("errors" in result) return assertWellFormed(result.errors, "tenants/fuzz.ts");
        const inStack = tenantsForStack([result], devConfig);
        if (inStack.errors.length > 0) assertWellFormed(inStack.errors, "tenants/fuzz.ts");
      });
    });
  });

  describe("tenant sources", () => {
    it("never throws on random or cut-off source text: a value or a problem with a line and column", () => {
      const source = `import { defineTenant } from "../src/tenant";\nexport default defineTenant(${JSON.stringify(fullTenant(), null, 2)});\n`;
      const text = fc.oneof(
        fc.string(),
        fc.nat({ max: source.length }).map((cut) => source.slice(0, cut)),
        fc
          .tuple(fc.nat({ max: source.length }), fc.string())
          .map(([at, text]) => source.slice(0, at) + text + source.slice(at)),
      );
      forAll(text, 1000, (text) => {
        const result = evaluateTenantSource(text, "tenants/fuzz.ts");
        if ("problem" in result) {
          assert.ok(result.problem.line >= 1 && result.problem.column >= 1);
          assert.ok(result.problem.message.length > 0 && !result.problem.message.includes("\n"));
        }
      });
    });
  });

  describe("stack config", () => {
    const keys = [
      "environment",
      "region",
      "mandatoryTags",
      "accounts",
      "defaultAccount",
      "billing",
      "priceOverrides",
      "protectedEnvironments",
      "accountScope",
      "maxAnomalyMonitors",
      "alarmDimension",
      "nonsense",
    ];
    it("never throws on random values for any key; errors name Pulumi.<stack>.yaml and the key", () => {
      forAll(
        fc.dictionary(
          fc.constantFrom(...keys).map((key) => `bedrock-cost-governance:${key}`),
          fc.oneof(
            fc.string(),
            fc.json(),
            fc.anything().map((value) => JSON.stringify(value) ?? ""),
          ),
        ),
        1000,
        (flat) => {
          const result = validateStackConfig(flat, "Pulumi.fuzz.yaml");
          if ("errors" in result) {
            assertWellFormed(result.errors, "Pulumi.fuzz.yaml");
            for (const error of result.errors) assert.match(error.path, /^bedrock-cost-governance/);
          }
        },
      );
    });

    it("reads any Pulumi.<stack>.yaml text into config or a file-named error", () => {
      const dir = tempDir("bcg-yaml-");
      try {
        forAll(
          fc.oneof(
            fc.string(),
            fc.json().map((json) => `config: ${json}`),
            fc.constant("config:\n  a: [1,\n"),
          ),
          300,
          (text) => {
            fs.writeFileSync(path.join(dir, "Pulumi.fuzz.yaml"), text);
            const result = readStackConfigFile(dir, "fuzz");
            if ("errors" in result) assertWellFormed(result.errors, "Pulumi.fuzz.yaml");
            else for (const value of Object.values(result.config)) assert.equal(typeof value, "string");
          },
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("stack exports (--state)", () => {
    let dir: string;
    let file: string;
    before(() => {
      dir = tempDir("bcg-export-");
      file = path.join(dir, "export.json");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const judgeText = (text: string) => {
      fs.writeFileSync(file, text);
      const result = readStackExport(file);
      if ("errors" in result) assertWellFormed(result.errors, file);
      else for (const resource of result.resources) assert.match(resource.urn, /^urn:pulumi:/);
      return result;
    };

    it("refuses truncated exports with a clear message", () => {
      const text = JSON.stringify(compliantExport(), null, 2);
      forAll(fc.integer({ min: 0, max: text.length - 1 }), 200, (cut) => {
        const result = judgeText(text.slice(0, cut));
        assert.ok("errors" in result);
        assert.match(result.errors[0].message, /is not JSON|expected/);
      });
    });

    it("never throws on random JSON or exports with fields of the wrong type", () => {
      const resourceFields = [
        "urn",
        "type",
        "custom",
        "inputs",
        "outputs",
        "parent",
        "provider",
        "protect",
        "dependencies",
        "propertyDependencies",
        "delete",
      ];
      const mutatedExport = fc
        .tuple(
          fc.constantFrom("version", "deployment", "resources", ...resourceFields),
          fc.nat(8),
          fc.oneof(fc.constant(undefined), fc.anything()),
        )
        .map(([field, index, value]) => {
          const exported = compliantExport() as unknown as Record<string, unknown>;
          const deployment = exported.deployment as Record<string, unknown>;
          const resources = deployment.resources as Array<Record<string, unknown>>;
          if (field === "version" || field === "deployment") mutate(exported, [field], value);
          else if (field === "resources") mutate(deployment, ["resources"], value);
          else mutate(resources[index % resources.length], [field], value);
          return exported;
        });
      forAll(
        fc.oneof(
          mutatedExport,
          fc.anything(),
          fc.json().map((json) => JSON.parse(json) as unknown),
        ),
        500,
        (exported) => {
          judgeText(JSON.stringify(exported) ?? "undefined");
        },
      );
    });

    it("reads a huge export (20,000 resources, deeply nested values) without a crash", () => {
      const exported = compliantExport();
      const [template] = exported.deployment.resources.filter((resource) =>
        resource.type.startsWith("aws:budgets"),
      );
      for (let index = 0; index < 20_000; index++) {
        exported.deployment.resources.push({
          ...template,
          urn: `${template.urn}-${index}`,
          inputs: { ...template.inputs, deep: "DEEP" },
        });
      }
      // Too deep for JSON.stringify to build, so written as text.
      const deep = `${'{"deeper":'.repeat(5000)}"leaf"${"}".repeat(5000)}`;
      const result = judgeText(JSON.stringify(exported).replace('"DEEP"', deep));
      if ("errors" in result) assert.match(result.errors[0].message, /is not JSON/);
      else assert.equal(result.resources.length, exported.deployment.resources.length);
    });
  });
});
