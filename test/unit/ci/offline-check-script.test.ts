import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../helpers/check-cli";
import { tempDir } from "../../helpers/temp-files";

type StackSpec = { bytes: number; exit: number; changed?: boolean } | "no stack file" | "no report";

/**
 * tools/ci/offline-check.sh with a fake `npm` whose `run check` writes each `--out` of a chosen size
 * and exits with a chosen code per stack: what the job summary, the artifact and the step output say.
 * Each call is logged (calls), with the directory it ran in. With `base`, a base commit's checkout
 * holds the same stack files, and a stack `changed` gets a diff with a tenant when compared.
 */
function runScript(stacks: Record<string, StackSpec>, options: { base?: boolean } = {}) {
  const dir = tempDir("offline-check-");
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, "npm"),
    `#!/usr/bin/env bash
stack=""; compare=""; outs=(); args=("$@")
for ((i = 0; i < \${#args[@]}; i++)); do
  case "\${args[i]}" in
    --stack) stack="\${args[i+1]}" ;;
    --compare) compare="\${args[i+1]}" ;;
    --out) outs+=("\${args[i+1]}") ;;
  esac
done
echo "$PWD $*" >> "${dir}/calls"
spec=$(cat "${dir}/specs/$stack")
if [ "$spec" = "no report" ]; then echo "check: Pulumi.$stack.yaml: broken" >&2; exit 2; fi
read -r bytes code changed <<< "$spec"
for out in "\${outs[@]}"; do
  case "$out" in json=*|sarif=*|github=*) format="\${out%%=*}"; file="\${out#*=}" ;; *) format=main; file="$out" ;; esac
  case "$format" in
    main) { echo "### $stack"; head -c "$bytes" /dev/zero | tr '\\0' 'x'; echo; } > "$file" ;;
    json)
      if [ -n "$compare" ] && [ "$changed" = "changed" ]; then tenants='[{"name":"t"}]'; else tenants='[]'; fi
      printf '{"stack":"%s","diff":{"tenants":%s,"violations":{"new":[],"gone":[]}}}\n' "$stack" "$tenants" > "$file" ;;
    sarif) echo '{"version":"2.1.0","runs":[]}' > "$file" ;;
    github) echo "::warning file=tenants/$stack.ts,line=1::finding of $stack" > "$file" ;;
  esac
done
exit "$code"
`,
    { mode: 0o755 },
  );
  fs.mkdirSync(path.join(dir, "specs"));
  if (options.base) fs.mkdirSync(path.join(dir, "base"));
  for (const [stack, spec] of Object.entries(stacks)) {
    if (spec === "no stack file") continue;
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "config: {}\n");
    if (options.base) fs.writeFileSync(path.join(dir, "base", `Pulumi.${stack}.yaml`), "config: {}\n");
    fs.writeFileSync(
      path.join(dir, "specs", stack),
      typeof spec === "string" ? spec : `${spec.bytes} ${spec.exit} ${spec.changed ? "changed" : "same"}`,
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
        BASE_DIR: options.base ? path.join(dir, "base") : "",
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
    devSarif: read("out/sarif/dev.sarif"),
    calls: read("calls")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.replaceAll(dir, "<dir>")),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ...files };
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
    // One check per stack writes every format: the markdown for the comment, the whole JSON report,
    // SARIF for code scanning and the annotations, which it prints for the runner.
    assert.deepEqual(
      run.calls.map((call) => call.split(" ").slice(0, 9).join(" ")),
      [
        "<dir> run --silent check -- --stack dev --format markdown",
        "<dir> run --silent check -- --stack prod --format markdown",
      ],
    );
    assert.match(run.devFull, /^\{"stack":"dev"/);
    assert.match(run.devSarif, /"version":"2.1.0"/);
    assert.match(run.stdout, /^::warning file=tenants\/dev\.ts,line=1::finding of dev$/m);
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

  it("checks the base commit with its own code first, compares each stack with it, and lists the changed stacks first", () => {
    const run = runScript(
      {
        org: { bytes: 10, exit: 0 },
        dev: { bytes: 10, exit: 0 },
        prod: { bytes: 10, exit: 0, changed: true },
      },
      { base: true },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.calls.slice(0, 2), [
      "<dir>/base run --silent check -- --stack org --format json --out <dir>/out/base/org.json",
      `<dir> run --silent check -- --stack org --compare <dir>/out/base/org.json --format markdown --out <dir>/out/org.md --out json=<dir>/out/full/org.json --out sarif=<dir>/out/sarif/org.sarif --out github=<dir>/out/org.annotations`,
    ]);
    assert.equal(run.stacks, "prod\norg\ndev\n");
  });
});
