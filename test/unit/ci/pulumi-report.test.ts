import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { renderPulumiSection } from "../../../tools/ci/pulumi-report";
import { repoRoot } from "../../helpers/check-cli";
import { tempDir } from "../../helpers/temp-files";

describe("real preview report section (tools/ci/pulumi-report.ts)", () => {
  it("puts the verdict in the heading, passed or failed", () => {
    assert.match(
      renderPulumiSection({ stack: "dev", command: "preview", exitCode: 0, output: "ok" }),
      /^### `dev`: real `pulumi preview` ✅ passed\n/,
    );
    const failed = renderPulumiSection({
      stack: "prod",
      command: "preview",
      exitCode: 255,
      output: "mandatory violation",
    });
    assert.match(failed, /^### `prod`: real `pulumi preview` ❌ failed \(exit 255\)/);
    assert.match(failed, /mandatory violation/);
  });

  it("keeps the end of a long output (violations and summary), cut at a line, and says how much it left out", () => {
    const output =
      Array.from({ length: 5000 }, (_, i) => `line ${i}`).join("\n") +
      "\nPolicy Violations:\n  [mandatory] x";
    const section = renderPulumiSection({ stack: "dev", command: "up", exitCode: 1, output }, 1000);
    assert.ok(section.length < 1500, `${section.length}`);
    assert.match(section, /\[mandatory\] x\n```+\n<\/details>/);
    assert.match(section, /… first [\d,]+ of [\d,]+ characters left out/);
    assert.match(section, /left out \(the full output is in the job log\)\nline \d+\n/);
  });

  it("uses a fence longer than any backtick run in the output, so the output cannot close it", () => {
    const section = renderPulumiSection({
      stack: "dev",
      command: "preview",
      exitCode: 0,
      output: "a ```` b",
    });
    assert.match(section, /\n`````text\na ```` b\n`````\n/);
  });
});

describe("tools/ci/pulumi-run.sh", () => {
  /** Runs the wrapper in a scratch directory with a fake `pulumi` that prints its arguments and exits `code`. */
  function runWrapper(command: string, code: number) {
    const dir = tempDir("pulumi-run-");
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, "pulumi"),
      `#!/bin/sh\necho "pulumi $*"\necho "Policy Violations: [mandatory]"\nexit ${code}\n`,
      {
        mode: 0o755,
      },
    );
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
    fs.mkdirSync(path.join(dir, "tools", "ci"), { recursive: true });
    fs.copyFileSync(
      path.join(repoRoot, "tools/ci/pulumi-report.ts"),
      path.join(dir, "tools/ci/pulumi-report.ts"),
    );
    const summary = path.join(dir, "summary.md");
    const result = spawnSync(
      "bash",
      [path.join(repoRoot, "tools/ci/pulumi-run.sh"), command, "dev", "acme/dev"],
      {
        cwd: dir,
        encoding: "utf8",
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          RUNNER_TEMP: dir,
          GITHUB_STEP_SUMMARY: summary,
        },
      },
    );
    const report = fs.readFileSync(path.join(dir, "pulumi-report", "dev.md"), "utf8");
    const summaryText = fs.readFileSync(summary, "utf8");
    fs.rmSync(dir, { recursive: true, force: true });
    return { status: result.status, stdout: result.stdout, report, summaryText };
  }

  it("writes the report of a failed preview, then exits with the preview's own code", () => {
    const { status, report, summaryText, stdout } = runWrapper("preview", 255);
    assert.equal(status, 255);
    assert.match(report, /❌ failed \(exit 255\)/);
    assert.match(report, /pulumi preview --stack acme\/dev --policy-pack policies --non-interactive/);
    assert.equal(summaryText, report);
    assert.match(stdout, /::error title=pulumi preview \(dev\)::exit 255/);
  });

  it("runs up with --yes and the policy pack, and passes its success on", () => {
    const { status, report } = runWrapper("up", 0);
    assert.equal(status, 0);
    assert.match(report, /pulumi up --yes --stack acme\/dev --policy-pack policies/);
  });
});
