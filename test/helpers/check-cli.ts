import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "./temp-files";

export { tempFile } from "./temp-files";

export const repoRoot = path.resolve(__dirname, "..", "..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run check` the way a user does (same entry point, a real process, real exit code). */
export function runCheckCli(
  args: string[],
  projectDir = repoRoot,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runTypeScriptCli(path.join(projectDir, "tools/check/cli.ts"), args, {
    cwd: projectDir,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
}

/** Runs a TypeScript CLI of this repository in its own Node process (tsx), collecting its output and exit code. */
export function runTypeScriptCli(
  script: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return runProcess(process.execPath, ["--require", "tsx/cjs", script, ...args], options);
}

/** Runs `command` in its own process, collecting its whole output and its exit code. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `npm run check -- <args> --format json`, which must exit with `code`: its report, parsed. The
 * CLI's whole output is the assertion's message when the code differs.
 */
export async function checkJsonReport(
  args: string[],
  code: number,
  projectDir = repoRoot,
): Promise<ReturnType<typeof JSON.parse>> {
  const result = await runCheckCli([...args, "--format", "json"], projectDir);
  assert.equal(result.code, code, result.stdout + result.stderr);
  return JSON.parse(result.stdout);
}

/** A change to one file of a project copy: the first `replace` (text or pattern) becomes `with`. */
export interface SourceEdit {
  file: string;
  replace: string | RegExp;
  with: string;
}

/**
 * A throwaway copy of the project (tracked files as they are in the working tree, node_modules
 * linked) with these edits made, so a test can change the program and see what the check says
 * of the change. An edit that changes nothing fails: the test would prove nothing.
 */
export function copyProject(...edits: SourceEdit[]): { dir: string; remove(): void } {
  const dir = tempDir("bcg-project-");
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .split("\n")
    .filter((file) => file && fs.existsSync(path.join(repoRoot, file)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const edit of edits) {
    const target = path.join(dir, edit.file);
    const before = fs.readFileSync(target, "utf8");
    const after = before.replace(edit.replace, edit.with);
    if (after === before) throw new Error(`edit of ${edit.file} changed nothing: ${String(edit.replace)}`);
    fs.writeFileSync(target, after);
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
