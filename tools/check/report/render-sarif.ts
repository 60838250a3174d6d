import { formatInputError } from "../../../src/validation";
import type { CheckReport, EnforcementLevel, Violation } from "./check-report";
import type { FindingLocation } from "./finding-locations";
import { inputErrorLocation } from "./input-error-location";

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), for GitHub code
 * scanning: one rule per policy of the pack (its description, and its remediation as help), one result
 * per violation at the file and line where the author fixes it, and the input problems that stopped a
 * check under a rule of their own. Paths are relative to the repository (`%SRCROOT%`). The tests
 * validate it against the OASIS schema (test/fixtures/sarif).
 */
const sarifSchema =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const invalidInputRule = "invalid-input";

const levels: Record<EnforcementLevel, "error" | "warning" | "note" | "none"> = {
  mandatory: "error",
  remediate: "warning",
  advisory: "warning",
  disabled: "none",
};

export function renderSarif(report: CheckReport): string {
  const rules = [
    ...report.policies.map((policy) => ({
      id: policy.name,
      shortDescription: { text: policy.description ?? policy.name },
      ...(policy.remediationSteps ? { help: { text: policy.remediationSteps } } : {}),
      defaultConfiguration: { level: levels[policy.enforcementLevel] },
    })),
    {
      id: invalidInputRule,
      shortDescription: {
        text: "Input the check cannot judge: a tenant file, the stack config or a value AWS would refuse",
      },
      help: { text: "Fix the file and field named; nothing else was judged (exit 2)." },
      defaultConfiguration: { level: "error" as const },
    },
  ];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = [
    ...report.violations.map((violation) => ({
      ruleId: violation.policyName,
      ...(ruleIndex.has(violation.policyName) ? { ruleIndex: ruleIndex.get(violation.policyName) } : {}),
      level: levels[violation.enforcementLevel],
      message: { text: violationText(violation) },
      locations: violation.location ? [physical(violation.location)] : [stackLocation(report)],
    })),
    ...report.errors.map((error) => {
      const location = inputErrorLocation(error);
      return {
        ruleId: invalidInputRule,
        ruleIndex: ruleIndex.get(invalidInputRule),
        level: "error" as const,
        message: { text: formatInputError(error) },
        locations: [location ? physical(location) : stackLocation(report)],
      };
    }),
  ];
  const sarif = {
    $schema: sarifSchema,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.policyPack?.name ?? "bedrock-cost-governance",
            ...(report.policyPack ? { version: report.policyPack.version } : {}),
            rules,
          },
        },
        // One analysis per stack: code scanning keeps each stack's results apart.
        automationDetails: { id: `bedrock-cost-governance/${report.stack}/` },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

const violationText = (violation: Violation): string =>
  violation.location
    ? `${violation.message}\n\n${violation.location.field}: ${violation.location.advice}`
    : violation.message;

const physical = (location: Pick<FindingLocation, "file" | "line" | "column">) => ({
  physicalLocation: {
    artifactLocation: { uri: encodeURI(location.file), uriBaseId: "%SRCROOT%" },
    region: { startLine: location.line, startColumn: location.column },
  },
});

/** A finding with no better place: the stack's config file, where the stack begins. */
const stackLocation = (report: CheckReport) =>
  physical({ file: `Pulumi.${report.stack}.yaml`, line: 1, column: 1 });
