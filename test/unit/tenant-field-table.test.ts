import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { tenantFieldTable, tenantsPage, withTenantFieldTable } from "../../tools/tenant-field-table";

describe("docs/tenants.md's table of tenant fields", () => {
  it("is the one the tenant schema's fields and descriptions make (written by npm run docs:tenants)", () => {
    const page = fs.readFileSync(tenantsPage, "utf8");
    assert.equal(page, withTenantFieldTable(page, tenantFieldTable()), "stale: run `npm run docs:tenants`");
  });
});
