import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { policyTable, readmeFile, withPolicyTable } from "../scripts/policy-table";

describe("README.md's table of policies", () => {
  it("is the one the policies' metadata makes (npm run docs -w policies)", () => {
    const readme = fs.readFileSync(readmeFile, "utf8");
    assert.equal(readme, withPolicyTable(readme, policyTable()), "stale: run `npm run docs -w policies`");
  });
});
