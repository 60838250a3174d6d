import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliResult, repoRoot, runProcess } from "../helpers/check-cli";
import { childTempDir } from "../helpers/temp-files";

/**
 * Every npm script is a CLI: `--help` prints its usage and exits 0, writing no file. The list comes
 * from package.json, so a script added there is tested without being listed here. Scripts that run a
 * file of this repository (tools/, bench/, examples/) parse with tools/cli-flags.ts, which refuses an
 * unknown flag with the usage on stderr and exit 2; the others hand `--help` to a tool of their own
 * (tsc, eslint, prettier, mocha, npm), which answers it. Left out (`notTested`): `test`, the whole suite.
 */
const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};
const notTested: Record<string, string> = {
  test: "runs the whole suite before --help reaches its last command",
};
const scripts = Object.keys(packageJson.scripts).filter((script) => !(script in notTested));
const ownCli = (script: string) =>
  /\b(tools|bench|examples)\/[\w./-]+\.ts\b/.test(packageJson.scripts[script]);

/**
 * `npm run <script> -- <args>` as npm runs it (its docs: the script's text, the arguments appended,
 * through \`sh -c\`, with node_modules/.bin first on PATH), without starting npm itself for each of
 * some twenty scripts: npm's own start-up costs more CPU than most of the scripts' --help.
 */
function npmRun(script: string, args: string[], temp: string): Promise<CliResult> {
  return runProcess("/bin/sh", ["-c", [packageJson.scripts[script], ...args].join(" ")], {
    cwd: repoRoot,
    // A temporary directory of their own: mocha's --help loads the suite's hooks, which make one.
    env: {
      ...process.env,
      PATH: `${path.join(repoRoot, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
      NO_COLOR: "1",
      FORCE_COLOR: "0",
      TMPDIR: temp,
    },
  });
}

/** At most `limit` at once: the machine has two cores, and each run starts Node and a TypeScript loader. */
async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** Modification times of every file of the repository (tracked by git): what a script could write. */
function writtenFiles(): Map<string, number> {
  const listed = spawnSync("git", ["ls-files", "-z"], { cwd: repoRoot, encoding: "utf8" }).stdout;
  const times = new Map<string, number>();
  for (const file of listed.split("\0").filter(Boolean)) {
    const absolute = path.join(repoRoot, file);
    if (fs.existsSync(absolute)) times.set(file, fs.statSync(absolute).mtimeMs);
  }
  return times;
}

describe("every npm script is a CLI", function () {
  this.timeout(300_000);

  it("prints its usage for --help and exits 0, writing no file", async () => {
    const before = writtenFiles();
    const temp = childTempDir("bcg-cli-help-");
    const runs = await inParallel(scripts, 2, (script) => npmRun(script, ["--help"], temp));
    const failures = scripts.flatMap((script, index) => {
      const run = runs[index];
      const usage = ownCli(script) ? /^Usage: npm run /.test(run.stdout) : run.stdout.trim().length > 0;
      return run.code === 0 && usage
        ? []
        : [`${script}: exit ${run.code}\n${run.stdout.slice(0, 300)}${run.stderr.slice(0, 300)}`];
    });
    assert.deepEqual(failures, []);
    const after = writtenFiles();
    const changed = [...after].filter(([file, time]) => before.get(file) !== time).map(([file]) => file);
    assert.deepEqual(changed, []);
  });

  it("parses its flags with the shared parser, which refuses an unknown flag (the scripts of this repository)", () => {
    // Spawning each script again for a bad flag would double this file's minute; the parser's answer to
    // one is proven in-process (test/unit/cli-flags.test.ts), and here that each script uses it.
    const own = scripts.filter(ownCli);
    assert.ok(own.includes("check") && own.includes("new-tenant"), own.join(", "));
    const unparsed = own.filter((script) => {
      const file = /\b((?:tools|bench|examples)\/[\w./-]+\.ts)\b/.exec(packageJson.scripts[script])![1];
      return !/\b(parseCli|parseFlagsOrExit)[<(]/.test(fs.readFileSync(path.join(repoRoot, file), "utf8"));
    });
    assert.deepEqual(unparsed, []);
  });
});
