/**
 * The README's table of policies, generated from the policies' own metadata (name, kind, level,
 * severity, description, the types a resource policy judges, each setting's default), as checkov
 * generates its table of checks from its registry. `npm run docs -w policies` writes it between the
 * README's markers; test/readme-table.test.ts fails when the README's copy is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PackPolicy } from "../lib/define-policy";
import { policies } from "../policies";

export const readmeFile = path.resolve(__dirname, "../README.md");
const markers = {
  start: "<!-- policy-table:start (npm run docs -w policies) -->",
  end: "<!-- policy-table:end -->",
};

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function judges(policy: PackPolicy): string {
  const types = policy.resourceTypes.map(code).join(", ");
  return "validateStack" in policy ? `the whole stack, reading ${types}` : types;
}

function settings(policy: PackPolicy): string {
  const properties = (policy.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>;
  return Object.entries(properties)
    .map(([name, schema]) => `${code(name)} (${code(JSON.stringify(schema.default))})`)
    .join(", ");
}

/** The table, one row per policy of the registry, in the order the pack serves them (by name). */
export function policyTable(): string {
  return [
    "| Policy | Kind | Default level | Severity | Checks | Judges | Settings (defaults) |",
    "|---|---|---|---|---|---|---|",
    ...policies
      .map((policy) =>
        [
          code(policy.name),
          "validateStack" in policy ? "stack" : "resource",
          policy.enforcementLevel,
          policy.severity,
          policy.description,
          judges(policy),
          settings(policy),
        ]
          .map((value) => cell(String(value ?? "")))
          .join(" | "),
      )
      .map((row) => `| ${row} |`),
  ].join("\n");
}

/** The README with its table block replaced by `table`; throws when the markers are missing. */
export function withPolicyTable(readme: string, table: string): string {
  const start = readme.indexOf(markers.start);
  const end = readme.indexOf(markers.end);
  if (start < 0 || end < start)
    throw new Error(`README.md lacks the markers ${markers.start} … ${markers.end}`);
  return `${readme.slice(0, start + markers.start.length)}\n${table}\n${readme.slice(end)}`;
}

if (require.main === module) {
  fs.writeFileSync(readmeFile, withPolicyTable(fs.readFileSync(readmeFile, "utf8"), policyTable()));
  console.log(`wrote the policy table of ${readmeFile}`);
}
