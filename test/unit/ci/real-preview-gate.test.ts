import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { repoRoot } from "../../helpers/check-cli";
import { tempDir } from "../../helpers/temp-files";

/** The `gate` step of preview.yml's `real-preview-gate` job, run by bash with the env the job maps. */
const workflow = parse(fs.readFileSync(path.join(repoRoot, ".github/workflows/preview.yml"), "utf8"));
const gate: string = workflow.jobs["real-preview-gate"].steps.find(
  (step: { id?: string }) => step.id === "gate",
).run;

const configured = {
  FROM_FORK: "false",
  ACTOR: "alice",
  REAL_PREVIEW: "",
  AWS_PREVIEW_ROLE_ARN: "arn:aws:iam::111122223333:role/bedrock-governance-ci-preview",
  PULUMI_BACKEND_URL: "s3://state?region=us-east-1",
  PULUMI_ORG: "",
  PULUMI_PREVIEW_TEAM: "",
};

function runGate(env: Partial<typeof configured>) {
  const dir = tempDir("gate-");
  const output = path.join(dir, "output");
  const summary = path.join(dir, "summary");
  const result = spawnSync("bash", ["-e", "-c", gate], {
    cwd: dir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      ...configured,
      ...env,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    },
  });
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
  const outcome = {
    status: result.status,
    stdout: result.stdout,
    output: read(output),
    notice: read(path.join(dir, "real-preview", "gate.md")),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return outcome;
}

describe("preview.yml: whether the real preview runs (no green that means nothing)", () => {
  it("runs it for a configured same-repository PR, on S3 or on Pulumi Cloud with a preview team", () => {
    assert.deepEqual(runGate({}), { status: 0, stdout: "", output: "enabled=true\n", notice: "" });
    const cloud = runGate({ PULUMI_BACKEND_URL: "", PULUMI_ORG: "acme", PULUMI_PREVIEW_TEAM: "previewers" });
    assert.equal(cloud.output, "enabled=true\n");
  });

  for (const [who, env, reason] of [
    ["a fork PR", { FROM_FORK: "true", AWS_PREVIEW_ROLE_ARN: "" }, /from a fork/],
    ["a Dependabot PR", { ACTOR: "dependabot[bot]" }, /Dependabot PRs get no OIDC token/],
    [
      "a repository that turned previews off",
      { REAL_PREVIEW: "off", AWS_PREVIEW_ROLE_ARN: "" },
      /REAL_PREVIEW=off/,
    ],
  ] as const) {
    it(`skips it for ${who}, with a warning and a note for the comment, and passes`, () => {
      const gated = runGate(env);
      assert.equal(gated.status, 0);
      assert.equal(gated.output, "enabled=false\n");
      assert.match(gated.stdout, /^::warning title=real pulumi preview skipped::/);
      assert.match(gated.notice, /⚠️ skipped/);
      assert.match(gated.notice, reason);
    });
  }

  it("fails a same-repository PR with incomplete configuration, naming each missing piece", () => {
    const gated = runGate({ AWS_PREVIEW_ROLE_ARN: "", PULUMI_BACKEND_URL: "", PULUMI_ORG: "acme" });
    assert.equal(gated.status, 1);
    assert.equal(gated.output, "enabled=false\n");
    assert.match(
      gated.stdout,
      /::error title=real preview not configured::missing the AWS_PREVIEW_ROLE_ARN variable/,
    );
    assert.match(
      gated.stdout,
      /::error title=real preview not configured::missing the PULUMI_PREVIEW_TEAM variable/,
    );
    assert.match(gated.notice, /❌ not configured/);
    const noBackend = runGate({ PULUMI_BACKEND_URL: "" });
    assert.equal(noBackend.status, 1);
    assert.match(noBackend.stdout, /missing a backend/);
  });
});
