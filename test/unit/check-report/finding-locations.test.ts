import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { policies } from "../../../policies/policies";
import type { CheckReport, Violation } from "../../../tools/check/report/check-report";
import { withLocations } from "../../../tools/check/report/finding-locations";
import { policyAnchors } from "../../../tools/check/report/policy-anchors";
import { renderAnnotations } from "../../../tools/check/report/render-annotations";
import { renderSarif } from "../../../tools/check/report/render-sarif";
import { renderText } from "../../../tools/check/report/render-text";
import { tenantFieldPositions } from "../../../src/tenant-field-positions";
import { exampleResources, onlyTenants, reportOf } from "../../helpers/check-report";

const tenantFile = `import { defineTenant } from "../src/tenant";

export default defineTenant({
  name: "search",
  tags: { team: "search", app: "site_search" },
  notify: { emails: ["search-team@corp.test"] },
  profiles: [
    { name: "chat", model: "amazon.nova-lite-v1:0" },
    { name: "rerank", model: "amazon.nova-micro-v1:0" },
  ],
  budget: { monthlyUsd: 300 },
});
`;

const stackFile = `config:
  aws:region: us-east-1
  bedrock-cost-governance:environment: dev
  bedrock-cost-governance:protectedEnvironments: []
`;

const urn = (type: string, name: string) =>
  `urn:pulumi:dev::bedrock-cost-governance::bedrock-cost-governance:index:TenantGuardrails$${type}::${name}`;
const profileUrn = (name: string) => urn("aws:bedrock/inferenceProfile:InferenceProfile", name);

const violation = (
  policyName: string,
  resourceUrn?: string,
  enforcementLevel: Violation["enforcementLevel"] = "mandatory",
): Violation => ({
  policyPack: "bedrock-cost-guardrails",
  policyName,
  enforcementLevel,
  message: `${policyName} says no`,
  urn: resourceUrn,
});

/** A project directory with one tenant file and the dev stack file, as the check sees them. */
function project(): { dir: string; report: (violations: Violation[]) => CheckReport; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcg-locations-"));
  fs.mkdirSync(path.join(dir, "tenants"));
  fs.writeFileSync(path.join(dir, "tenants", "search.ts"), tenantFile);
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackFile);
  return {
    dir,
    report: (violations) => ({
      ...reportOf(onlyTenants(exampleResources(), ["search"]), {
        violations,
        policies: policies.map((policy) => ({
          name: policy.name,
          enforcementLevel: "mandatory",
          description: policy.description,
          remediationSteps: (policy as { remediationSteps?: string }).remediationSteps,
        })),
      }),
      // As the tenant loader names files: relative to the working directory, here absolute.
      tenantFiles: { search: path.join(dir, "tenants", "search.ts") },
    }),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

describe("findings anchored where the author can act", () => {
  it("knows where each field of a tenant file is written", () => {
    const positions = tenantFieldPositions(tenantFile, "tenants/search.ts");
    assert.deepEqual(positions.get("tags"), { line: 5, column: 3 });
    assert.deepEqual(positions.get("tags.app"), { line: 5, column: 27 });
    assert.deepEqual(positions.get("profiles[1].model"), { line: 9, column: 23 });
    assert.deepEqual(positions.get("budget.monthlyUsd"), { line: 11, column: 13 });
  });

  it("points a profile's violation at the tenant file's line and field, with advice in its terms", () => {
    const { dir, report, cleanup } = project();
    try {
      const located = withLocations(
        report([
          violation("bedrock-profile-model-source", profileUrn("search-rerank")),
          violation("bedrock-profile-cost-tags", profileUrn("search-chat")),
          violation("prod-profiles-protected", profileUrn("search-chat")),
        ]),
        dir,
      );
      assert.deepEqual(
        located.violations.map(({ location }) => [
          location?.file,
          location?.line,
          location?.column,
          location?.field,
        ]),
        [
          ["tenants/search.ts", 9, 23, "profiles[1].model"],
          ["tenants/search.ts", 5, 3, "tags"],
          ["Pulumi.dev.yaml", 4, 3, "bedrock-cost-governance:protectedEnvironments"],
        ],
      );
      assert.match(
        renderText(located, false),
        /→ tenants\/search\.ts:5:3 tags: set the missing tag in this tenant's `tags`/,
      );
    } finally {
      cleanup();
    }
  });

  it("anchors only policies the pack has (a renamed or removed policy leaves no stale anchor)", () => {
    const names = new Set(policies.map((policy) => policy.name));
    assert.deepEqual(
      Object.keys(policyAnchors).filter((name) => !names.has(name)),
      [],
    );
  });

  it("points a policy it does not anchor (a new one of the pack) at the stack config, to the policy's remediation", () => {
    const { dir, report, cleanup } = project();
    try {
      const [located] = withLocations(
        report([violation("a-new-policy", profileUrn("search-chat"))]),
        dir,
      ).violations;
      assert.deepEqual(located.location, {
        file: "Pulumi.dev.yaml",
        line: 1,
        column: 1,
        field: "config",
        advice: "see the policy's remediation",
      });
    } finally {
      cleanup();
    }
  });

  it("writes SARIF 2.1.0 that validates against the OASIS schema, every result at a repository-relative location", () => {
    const { dir, report, cleanup } = project();
    try {
      const located = withLocations(
        report([
          violation("bedrock-profile-model-source", profileUrn("search-rerank")),
          violation("budget-notifications", urn("aws:budgets/budget:Budget", "search-budget"), "advisory"),
          violation("cost-allocation-tags-active"),
        ]),
        dir,
      );
      const sarif = JSON.parse(renderSarif(located));
      const schema = JSON.parse(
        fs.readFileSync(path.join(__dirname, "../../fixtures/sarif/sarif-schema-2.1.0.json"), "utf8"),
      );
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      const valid: boolean = validate(sarif);
      assert.ok(valid, JSON.stringify(validate.errors, null, 2));
      const [run] = sarif.runs;
      assert.ok(run.tool.driver.rules.length > policies.length - 1);
      for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text, rule.id);
      for (const result of run.results) {
        const [{ physicalLocation }] = result.locations;
        assert.ok(
          !path.isAbsolute(physicalLocation.artifactLocation.uri),
          physicalLocation.artifactLocation.uri,
        );
        assert.ok(fs.existsSync(path.join(dir, physicalLocation.artifactLocation.uri)));
        assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      }
      assert.deepEqual(
        run.results.map(
          (result: {
            level: string;
            locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
          }) => [result.level, result.locations[0].physicalLocation.region.startLine],
        ),
        [
          ["error", 9],
          ["warning", 6],
          ["error", 1],
        ],
      );
    } finally {
      cleanup();
    }
  });

  it("writes GitHub annotations on the line to fix, escaped as the runner reads them", () => {
    const { dir, report, cleanup } = project();
    try {
      const located = withLocations(
        report([violation("tenant-budget-coverage", urn("aws:budgets/budget:Budget", "search-budget"))]),
        dir,
      );
      assert.equal(
        renderAnnotations({
          ...located,
          errors: [{ file: "tenants/a.ts:3:7", path: "name", message: "50%, no\nmore" }],
        }),
        [
          "::error file=tenants/search.ts,line=11,col=3,title=tenant-budget-coverage (mandatory)::tenant-budget-coverage says no%0Abudget: give the tenant a `budget` (monthlyUsd) for this environment",
          "::error file=tenants/a.ts,line=3,col=7,title=invalid input::tenants/a.ts:3:7: name: 50%25, no%0Amore",
          "",
        ].join("\n"),
      );
    } finally {
      cleanup();
    }
  });
});
