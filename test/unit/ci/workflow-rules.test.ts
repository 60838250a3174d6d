import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type ReadLocalAction, localActionReader, repositoryRules } from "../../../tools/workflow-rules";
import { repoRoot } from "../../helpers/check-cli";
import { tempDir } from "../../helpers/temp-files";

const sha = "8e5e406f4007fca908480587cb9893c07090f58d";
const checkout = `actions/checkout@${sha}`;
const noLocalActions: ReadLocalAction = () => undefined;

/** A workflow with one job of the given steps (YAML lines, already indented as steps). */
function workflow(options: { on?: string; top?: string; jobPermissions?: string; steps: string[] }): string {
  return [
    `on: ${options.on ?? "push"}`,
    options.top ?? "permissions: {}",
    "jobs:",
    "  job:",
    "    runs-on: ubuntu-24.04",
    `    permissions: ${options.jobPermissions ?? "{ contents: read }"}`,
    "    steps:",
    ...options.steps.map((step) => `      ${step}`),
    "",
  ].join("\n");
}

const rulesOf = (source: string, readLocalAction = noLocalActions) =>
  repositoryRules("w.yml", source, readLocalAction).map((finding) => `${finding.rule}@${finding.line}`);

describe("workflow lint: the repository's rules (tools/workflow-rules.ts)", () => {
  it("passes this repository's own workflows", () => {
    const dir = path.join(repoRoot, ".github/workflows");
    for (const name of fs.readdirSync(dir)) {
      const source = fs.readFileSync(path.join(dir, name), "utf8");
      assert.deepEqual(repositoryRules(name, source, localActionReader(repoRoot)), [], name);
    }
  });

  describe("permissions: {} at the top", () => {
    it("refuses a workflow without top-level permissions, or with any grant there", () => {
      assert.deepEqual(rulesOf(workflow({ top: "", steps: ["- run: echo"] })), ["permissions@1"]);
      assert.deepEqual(rulesOf(workflow({ top: "permissions: read-all", steps: ["- run: echo"] })), [
        "permissions@2",
      ]);
      assert.deepEqual(
        rulesOf(workflow({ top: "permissions: { contents: read }", steps: ["- run: echo"] })),
        ["permissions@2"],
      );
    });
    it("accepts permissions: {} with each job's own grant", () => {
      assert.deepEqual(rulesOf(workflow({ steps: ["- run: echo"] })), []);
    });
  });

  describe("no checkout in a workflow_run workflow", () => {
    it("refuses actions/checkout and git or gh fetching code", () => {
      const on = "{ workflow_run: { workflows: [preview], types: [completed] } }";
      assert.deepEqual(rulesOf(workflow({ on, steps: [`- uses: ${checkout}`] })), [
        "no-checkout-in-workflow-run@8",
      ]);
      assert.deepEqual(rulesOf(workflow({ on, steps: ["- run: gh pr checkout 7"] })), [
        "no-checkout-in-workflow-run@8",
      ]);
      assert.deepEqual(rulesOf(workflow({ on, steps: ["- run: git fetch origin pull/7/head"] })), [
        "no-checkout-in-workflow-run@8",
      ]);
    });
    it("allows a checkout in other workflows", () => {
      assert.deepEqual(rulesOf(workflow({ on: "pull_request", steps: [`- uses: ${checkout}`] })), []);
    });
  });

  describe("--ignore-scripts where OIDC tokens can be minted", () => {
    it("refuses npm ci without --ignore-scripts in a job with id-token: write", () => {
      const jobPermissions = "{ contents: read, id-token: write }";
      assert.deepEqual(rulesOf(workflow({ jobPermissions, steps: ["- run: npm ci --no-audit"] })), [
        "ignore-scripts@8",
      ]);
      assert.deepEqual(
        rulesOf(workflow({ jobPermissions: "write-all", steps: ["- run: |\n          npm install"] })),
        ["ignore-scripts@8"],
      );
      assert.deepEqual(rulesOf(workflow({ jobPermissions, steps: ["- run: npm ci --ignore-scripts"] })), []);
    });
    it("looks into local composite actions the job uses", () => {
      const jobPermissions = "{ contents: read, id-token: write }";
      const composite: ReadLocalAction = () => [{ run: "npm ci" }];
      assert.deepEqual(
        rulesOf(workflow({ jobPermissions, steps: ["- uses: ./.github/actions/setup"] }), composite),
        ["ignore-scripts@8"],
      );
    });
    it("refuses a local action it cannot read, whose steps would go unchecked", () => {
      assert.deepEqual(rulesOf(workflow({ steps: ["- uses: ./.github/actions/missing"] })), [
        "local-action@8",
      ]);
    });
    it("leaves jobs that cannot mint a token alone", () => {
      assert.deepEqual(rulesOf(workflow({ steps: ["- run: npm ci"] })), []);
    });
  });

  describe("a preview before every up", () => {
    it("refuses pulumi up with no preview, or a preview without the policy pack, before it", () => {
      assert.deepEqual(rulesOf(workflow({ steps: ["- run: pulumi up --yes --stack dev"] })), [
        "preview-before-up@8",
      ]);
      assert.deepEqual(
        rulesOf(
          workflow({
            steps: ["- run: pulumi preview --stack dev", "- run: pulumi --non-interactive up --yes"],
          }),
        ),
        ["preview-before-up@9"],
      );
      assert.deepEqual(
        rulesOf(
          workflow({ steps: ["- run: pulumi up --yes", "- run: pulumi preview --policy-pack policies"] }),
        ),
        ["preview-before-up@8"],
      );
      assert.deepEqual(
        rulesOf(
          workflow({ steps: [`- uses: pulumi/actions@${sha}`, "  with: { command: up, stack-name: dev }"] }),
        ),
        ["preview-before-up@8"],
      );
    });
    it("accepts a preview with the policy pack first, by the CLI, the wrapper or pulumi/actions", () => {
      assert.deepEqual(
        rulesOf(
          workflow({ steps: ["- run: pulumi preview --policy-pack policies", "- run: pulumi up --yes"] }),
        ),
        [],
      );
      assert.deepEqual(
        rulesOf(
          workflow({
            steps: [
              "- run: tools/ci/pulumi-run.sh preview dev dev",
              "- run: tools/ci/pulumi-run.sh up dev dev",
            ],
          }),
        ),
        [],
      );
      assert.deepEqual(
        rulesOf(
          workflow({
            steps: [
              `- uses: pulumi/actions@${sha}`,
              "  with: { command: preview, stack-name: dev, policyPacks: policies }",
              `- uses: pulumi/actions@${sha}`,
              "  with: { command: up, stack-name: dev }",
            ],
          }),
        ),
        [],
      );
    });
  });

  it("still refuses unpinned actions, in composite actions too, and pull_request_target", () => {
    assert.deepEqual(rulesOf(workflow({ steps: ["- uses: actions/checkout@v7"] })), ["pinned-actions@8"]);
    const composite: ReadLocalAction = () => [{ uses: "pulumi/actions@v7" }];
    assert.deepEqual(rulesOf(workflow({ steps: ["- uses: ./.github/actions/setup"] }), composite), [
      "pinned-actions@8",
    ]);
    assert.deepEqual(rulesOf(workflow({ on: "pull_request_target", steps: ["- run: echo"] })), [
      "no-pull-request-target@1",
    ]);
  });

  it("makes npm run lint:workflows exit 1 and name the rule for a workflow that breaks one", () => {
    const dir = tempDir("lint-workflows-");
    const file = path.join(dir, "bad.yml");
    fs.writeFileSync(
      file,
      workflow({
        jobPermissions: "{ contents: read, id-token: write }",
        steps: ["- run: npm ci", "- run: pulumi up --yes"],
      }),
    );
    const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "tools/lint-workflows.ts", file], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /\[ignore-scripts\]/);
    assert.match(result.stdout, /\[preview-before-up\]/);
  });
});
