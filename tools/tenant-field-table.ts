/**
 * docs/tenants.md's table of tenant fields, generated from the tenant schema (src/tenant.ts): one
 * row per field, in the schema's order, with the rules its `.describe()` states. `npm run
 * docs:tenants` writes it between the page's markers; test/unit/tenant-field-table.test.ts fails
 * when the page's copy is stale, or when a field has no description.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { tenantSchema } from "../src/tenant";

export const tenantsPage = path.resolve(__dirname, "../docs/tenants.md");
const markers = {
  start: "<!-- tenant-fields:start (npm run docs:tenants) -->",
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
  const start = page.indexOf(markers.start);
  const end = page.indexOf(markers.end);
  if (start < 0 || end < start)
    throw new Error(`docs/tenants.md lacks the markers ${markers.start} … ${markers.end}`);
  return `${page.slice(0, start + markers.start.length)}\n${table}\n${page.slice(end)}`;
}

if (require.main === module) {
  fs.writeFileSync(
    tenantsPage,
    withTenantFieldTable(fs.readFileSync(tenantsPage, "utf8"), tenantFieldTable()),
  );
  console.log(`wrote the tenant field table of ${path.relative(process.cwd(), tenantsPage)}`);
}
