import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../helpers/check-cli";
import { tempDir } from "../../helpers/temp-files";

/**
 * tools/ci/offline-check.sh with a fake `npm` whose `run check` writes a report of a chosen size and
 * exits with a chosen code per stack: what the job summary, the artifact and the step output say.
 */
function runScript(stacks: Record<string, { bytes: number; exit: number } | "no stack file" | "no report">) {
  const dir = tempDir("offline-check-");
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  // npm run --silent check -- --stack S --format markdown --out FILE
  fs.writeFileSync(
    path.join(bin, "npm"),
    `#!/usr/bin/env bash
stack="$6"; out="\${10}"
spec=$(cat "specs/$stack")
if [ "$spec" = "no report" ]; then echo "check: Pulumi.$stack.yaml: broken" >&2; exit 2; fi
bytes=\${spec% *}; code=\${spec#* }
{ echo "### $stack"; head -c "$bytes" /dev/zero | tr '\\0' 'x'; echo; } > "$out"
exit "$code"
`,
    { mode: 0o755 },
  );
  fs.mkdirSync(path.join(dir, "specs"));
  for (const [stack, spec] of Object.entries(stacks)) {
    if (spec === "no stack file") continue;
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "config: {}\n");
    fs.writeFileSync(
      path.join(dir, "specs", stack),
      typeof spec === "string" ? spec : `${spec.bytes} ${spec.exit}`,
    );
  }
  const summary = path.join(dir, "summary.md");
  const output = path.join(dir, "output");
  const result = spawnSync(
    "bash",
    [path.join(repoRoot, "tools/ci/offline-check.sh"), "out", ...Object.keys(stacks)],
    {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        PR_NUMBER: "7",
      },
    },
  );
  const read = (file: string) =>
    fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : "";
  const files = {
    summary: read("summary.md"),
    output: read("output"),
    stacks: read("out/stacks"),
    pr: read("out/pr-number"),
    dev: read("out/dev.md"),
    devFull: read("out/full/dev.json"),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: result.status, stdout: result.stdout, ...files };
}

describe("tools/ci/offline-check.sh", () => {
  it("checks every stack that has a file, in the order given, and passes when all exit 0", () => {
    const run = runScript({
      org: "no stack file",
      dev: { bytes: 10, exit: 0 },
      prod: { bytes: 10, exit: 0 },
    });
    assert.equal(run.status, 0);
    assert.equal(run.stacks, "dev\nprod\n");
    assert.equal(run.output, "failed=false\n");
    // The markdown is cut for the comment; the artifact keeps the whole report as JSON too.
    assert.match(run.devFull, /^### dev\n/);
    assert.equal(run.pr, "7\n");
    assert.match(
      run.stdout,
      /::notice title=offline check \(org\)::no Pulumi\.org\.yaml in this commit: not checked/,
    );
    assert.ok(run.summary.indexOf("### dev") < run.summary.indexOf("### prod"));
  });

  it("reports failed=true when a stack exits 1, and keeps the check's own words when it wrote no report", () => {
    const run = runScript({ dev: "no report", prod: { bytes: 10, exit: 1 } });
    assert.equal(run.output, "failed=true\n");
    assert.match(run.dev, /`dev` ❌ the check did not run \(exit 2\)/);
    assert.match(run.dev, /check: Pulumi\.dev\.yaml: broken/);
  });

  it("keeps the job summary under 1 MiB: a section past 60,000 bytes is replaced by a pointer, never cut", () => {
    const run = runScript({
      org: { bytes: 200_000, exit: 0 },
      dev: { bytes: 29_000, exit: 0 },
      prod: { bytes: 900_000, exit: 1 },
    });
    assert.ok(Buffer.byteLength(run.summary) < 100_000, `${Buffer.byteLength(run.summary)}`);
    assert.match(run.summary, /`org`: report of 200\d{3} bytes, too large for the summary/);
    assert.match(
      run.summary,
      /`prod`: report of 900\d{3} bytes, too large for the summary: it is in the offline-check-report artifact \(exit 1\)/,
    );
    assert.match(run.summary, /### dev\nx{29000}\n/);
  });
});
