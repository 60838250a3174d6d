import * as assert from "node:assert/strict";
import { type PolicyPackInfo, parsePolicyConfig } from "../../../tools/check/analyzer/policy-config";

/** A pack whose one policy's settings use JSON Schema beyond the basics: oneOf, $ref, patternProperties. */
const info: PolicyPackInfo = {
  name: "schema-pack",
  version: "0.0.1",
  policies: [
    {
      name: "limits",
      description: "",
      enforcementLevel: "advisory",
      kind: "resource",
      configSchema: {
        required: [],
        properties: {
          limit: { oneOf: [{ type: "integer", minimum: 1 }, { const: "unlimited" }] },
          perTenant: {
            type: "object",
            patternProperties: { "^[a-z]+$": { $ref: "#/definitions/amount" } },
            additionalProperties: false,
            definitions: { amount: { type: "number", exclusiveMinimum: 0 } },
          },
        },
      },
    },
  ],
};
const file = "ci/policy.json";

describe("policy config settings validated by JSON Schema (Ajv)", () => {
  it("accepts what oneOf, $ref and patternProperties allow", () => {
    const parsed = parsePolicyConfig(
      { limits: { limit: "unlimited", perTenant: { claims: 5 } } },
      file,
      info,
    );
    assert.ok("config" in parsed, JSON.stringify(parsed));
  });

  it("refuses what they do not, as file: path: message", () => {
    const parsed = parsePolicyConfig(
      { limits: { limit: 0, perTenant: { claims: 0, "Not-A-Tenant": 1 } } },
      file,
      info,
    );
    assert.ok("errors" in parsed);
    const lines = parsed.errors.map((error) => `${error.file}: ${error.path}: ${error.message}`);
    assert.ok(
      lines.includes("ci/policy.json: limits.limit: expected a number at least 1, got 0"),
      lines.join("\n"),
    );
    assert.ok(
      lines.includes("ci/policy.json: limits.perTenant.claims: expected a number greater than 0, got 0"),
      lines.join("\n"),
    );
    assert.ok(lines.includes("ci/policy.json: limits.perTenant.Not-A-Tenant: not allowed"), lines.join("\n"));
    assert.ok(
      lines.includes("ci/policy.json: limits.limit: expected to match exactly one schema in oneOf, got 0"),
      lines.join("\n"),
    );
  });
});
