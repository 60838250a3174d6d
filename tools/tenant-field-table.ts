/**
 * docs/tenants.md's table of tenant fields, generated from the tenant schema (src/tenant.ts): one
 * row per field, in the schema's order, with the rules its `.describe()` states, written between the
 * page's markers by `npm run docs:tenants`. test/unit/tenant-field-table.test.ts fails on a stale
 * page (naming this command) or a field with no description. The tests write no tracked file: a
 * run that rewrote the page would pass the stale copy it is meant to catch.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { tenantSchema } from "../src/tenant";
import { parseCli } from "./cli-flags";
import { withDocsBlock } from "./docs-block";

export const tenantsPage = path.resolve(__dirname, "../docs/tenants.md");
const markers = {
  start: "<!-- tenant-fields:start (written by npm run docs:tenants) -->",
  end: "<!-- tenant-fields:end -->",
};

/** The table; throws naming a field whose schema carries no description. */
export function tenantFieldTable(): string {
  const rows = Object.entries(tenantSchema.shape).map(([field, schema]) => {
    if (!schema.description)
      throw new Error(`src/tenant.ts: ${field} has no .describe() for docs/tenants.md`);
    return `| \`${field}\` | ${schema.description.replace(/\|/g, "\\|")} |`;
  });
  return ["| field | rules |", "|---|---|", ...rows].join("\n");
}

/** The page with its table block replaced by `table`; throws when the markers are missing. */
export function withTenantFieldTable(page: string, table: string): string {
  return withDocsBlock(page, markers, table, "docs/tenants.md");
}

const usage = `Usage: npm run docs:tenants

Writes docs/tenants.md's table of tenant fields, generated from the tenant schema (src/tenant.ts),
when it differs.

Exit codes: 0 written or up to date, 2 a bad flag.
`;

if (require.main === module) {
  // Parsed first: --help and a bad flag write nothing (tools/cli-flags.ts).
  const flags = parseCli("docs:tenants", usage, {});
  if (typeof flags === "number") process.exitCode = flags;
  else {
    const page = fs.readFileSync(tenantsPage, "utf8");
    const written = withTenantFieldTable(page, tenantFieldTable());
    // Written only when it differs, so an up-to-date page keeps its modification time.
    if (written !== page) {
      fs.writeFileSync(tenantsPage, written);
      console.log(`wrote the tenant field table of ${path.relative(process.cwd(), tenantsPage)}`);
    }
  }
}
