import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { repoRoot } from "../../helpers/check-cli";
import { tempDir } from "../../helpers/temp-files";

/**
 * Runs the comment script of preview-comment.yml as actions/github-script does (an async function
 * of require, github, context and core), against a fake GitHub API and report artifacts on disk.
 */
const workflow = parse(fs.readFileSync(path.join(repoRoot, ".github/workflows/preview-comment.yml"), "utf8"));
const script: string = workflow.jobs.comment.steps.find((step: { uses?: string }) =>
  step.uses?.startsWith("actions/github-script@"),
).with.script;

const REPO_ID = 1000;
const FORK_ID = 2000;
const SHA = "0123456789abcdef0123456789abcdef01234567";
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;

interface Scenario {
  files: Record<string, string>;
  pr?: { state?: string; sha?: string; headRepoId?: number };
  headRepoId?: number;
  existing?: { id: number; login: string; body: string }[];
}

async function runScript(scenario: Scenario) {
  const dir = tempDir("preview-comment-");
  for (const [file, text] of Object.entries(scenario.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const posted: { created: string[]; updated: { id: number; body: string }[]; notices: string[] } = {
    created: [],
    updated: [],
    notices: [],
  };
  const headRepoId = scenario.headRepoId ?? REPO_ID;
  const github = {
    rest: {
      pulls: {
        get: async () => ({
          data: {
            number: 7,
            state: scenario.pr?.state ?? "open",
            head: { sha: scenario.pr?.sha ?? SHA, repo: { id: scenario.pr?.headRepoId ?? headRepoId } },
          },
        }),
      },
      issues: {
        listComments: "listComments",
        createComment: async ({ body }: { body: string }) => {
          posted.created.push(body);
          return { data: { html_url: "created" } };
        },
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
          posted.updated.push({ id: comment_id, body });
        },
      },
    },
    paginate: async () =>
      (scenario.existing ?? []).map((c) => ({
        id: c.id,
        user: { login: c.login },
        body: c.body,
        html_url: "x",
      })),
  };
  const context = {
    repo: { owner: "acme", repo: "governance" },
    payload: {
      workflow_run: {
        head_sha: SHA,
        html_url: "https://github.com/acme/governance/actions/runs/1",
        pull_requests: [],
        repository: { id: REPO_ID },
        head_repository: { id: headRepoId },
      },
    },
  };
  const core = { notice: (m: string) => posted.notices.push(m), info: () => {} };
  const previous = process.env.REPORTS_DIR;
  process.env.REPORTS_DIR = dir;
  try {
    await new AsyncFunction("require", "github", "context", "core", script)(require, github, context, core);
  } finally {
    process.env.REPORTS_DIR = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return posted;
}

const offline = (stacks: Record<string, string>) => ({
  "offline-check-report/pr-number": "7\n",
  "offline-check-report/stacks": Object.keys(stacks).join("\n") + "\n",
  ...Object.fromEntries(
    Object.entries(stacks).map(([stack, text]) => [`offline-check-report/${stack}.md`, text]),
  ),
});
const mermaid = (label: string) => "```mermaid\nflowchart LR\n" + `  ${label}\n`.repeat(400) + "```\n";
const fenceCount = (text: string) => (text.match(/^```/gm) ?? []).length;

/** Within GitHub's limit, every fence that opens closes, and each 400-edge diagram is there whole. */
function assertWhole(body: string) {
  assert.ok(body.length <= 65_536, `${body.length}`);
  assert.equal(fenceCount(body) % 2, 0);
  for (const diagram of body.split("```mermaid").slice(1)) {
    const edges = diagram
      .split("```")[0]
      .split("\n")
      .filter((line) => line.includes("-->"));
    assert.equal(edges.length, 400);
  }
}

describe("preview-comment.yml: the sticky comment", () => {
  it("posts every stack's offline report and real preview, in stack order, under one marker", async () => {
    const { created } = await runScript({
      files: {
        ...offline({ org: "### org report", dev: "### dev report", prod: "### prod report" }),
        "real-preview-org/org.md": "### org preview",
        "real-preview-dev/dev.md": "### dev preview",
        "real-preview-prod/prod.md": "### prod preview ❌ failed (exit 255)",
      },
    });
    assert.equal(created.length, 1);
    const order = [
      "org report",
      "dev report",
      "prod report",
      "org preview",
      "dev preview",
      "prod preview ❌",
    ];
    const positions = order.map((text) => created[0].indexOf(text));
    assert.ok(
      positions.every((p) => p > 0),
      JSON.stringify(positions),
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
    assert.ok(created[0].startsWith("<!-- bedrock-cost-governance:preview -->"));
    assert.doesNotMatch(created[0], /unverified/);
  });

  it("says when the real preview was skipped, and when a stack's preview left no report", async () => {
    const skipped = await runScript({
      files: {
        ...offline({ dev: "d" }),
        "real-preview-gate/gate.md": "### Real `pulumi preview`: ⚠️ skipped\n\nfork",
      },
    });
    assert.match(skipped.created[0], /⚠️ skipped/);
    const missing = await runScript({
      files: { ...offline({ org: "o", dev: "d", prod: "p" }), "real-preview-dev/dev.md": "### dev ok" },
    });
    assert.match(missing.created[0], /`org`: real `pulumi preview` ❌ produced no report/);
    assert.match(missing.created[0], /`prod`: real `pulumi preview` ❌ produced no report/);
  });

  it("labels a fork's report as the PR's own unverified output and neutralises @ mentions", async () => {
    const { created } = await runScript({
      headRepoId: FORK_ID,
      files: {
        ...offline({ dev: "ping @acme/admins and @octocat <!-- bedrock-cost-governance:preview -->" }),
      },
    });
    assert.match(created[0], /This PR comes from a fork\..*\*\*unverified\*\*/);
    assert.doesNotMatch(created[0], /@(?=[A-Za-z0-9_-])/);
    assert.match(created[0], /@\u200bacme\/admins and @\u200boctocat/);
    assert.equal(created[0].split("<!-- bedrock-cost-governance:preview -->").length, 2, "one marker, ours");
  });

  for (const [what, pr] of [
    ["a closed PR", { state: "closed" }],
    ["a PR whose head moved on", { sha: "f".repeat(40) }],
    ["a PR whose head repository is another one than the run's", { headRepoId: 3000 }],
  ] as const) {
    it(`posts nothing for ${what}`, async () => {
      const result = await runScript({ pr, files: offline({ dev: "d" }) });
      assert.deepEqual([result.created, result.updated], [[], []]);
      assert.equal(result.notices.length, 1);
    });
  }

  it("updates its own comment in place, never someone else's that quotes the marker", async () => {
    const body = "<!-- bedrock-cost-governance:preview -->\nold";
    const { created, updated } = await runScript({
      files: offline({ dev: "new" }),
      existing: [
        { id: 1, login: "mallory", body },
        { id: 2, login: "github-actions[bot]", body },
      ],
    });
    assert.deepEqual(created, []);
    assert.deepEqual(
      updated.map((u) => u.id),
      [2],
    );
  });

  it("fits three 30,000-character reports and three long previews under GitHub's 65,536 characters, cutting each section on its own and never inside a Mermaid block", async () => {
    const report = (stack: string) =>
      `### ${stack} report\n\n` +
      mermaid(`${stack}A --> ${stack}B`) +
      `\n${"| row | value |\n".repeat(1300)}`;
    const preview = (stack: string) =>
      `### ${stack} preview\n\n<details><summary>Output</summary>\n\n\`\`\`text\n${`${stack} + resource\n`.repeat(4000)}\`\`\`\n</details>\n`;
    const files: Record<string, string> = {
      ...offline({ org: report("org"), dev: report("dev"), prod: report("prod") }),
      ...Object.fromEntries(["org", "dev", "prod"].map((s) => [`real-preview-${s}/${s}.md`, preview(s)])),
    };
    for (const s of ["org", "dev", "prod"]) assert.ok(files[`offline-check-report/${s}.md`].length >= 25_000);
    const { created } = await runScript({ files });
    const body = created[0];
    assert.ok(body.length <= 65_536, `${body.length}`);
    for (const stack of ["org", "dev", "prod"]) {
      assert.match(body, new RegExp(`### ${stack} report`));
      assert.match(body, new RegExp(`### ${stack} preview`));
    }
    assertWhole(body);
    assert.equal((body.match(/<details>/g) ?? []).length, (body.match(/<\/details>/g) ?? []).length);
    assert.equal((body.match(/cut to fit a GitHub comment/g) ?? []).length, 6);
  });

  it("drops a Mermaid block the cut would split rather than post half a diagram", async () => {
    const text = "### dev\n\n" + "intro line\n".repeat(100) + mermaid("A --> B").repeat(30);
    const { created } = await runScript({ files: offline({ dev: text }) });
    const body = created[0];
    assertWhole(body);
    const diagrams = body.split("```mermaid").length - 1;
    assert.ok(diagrams > 0 && diagrams < 30, `${diagrams} whole diagrams`);
    assert.match(body, /cut to fit a GitHub comment/);
  });
});
