import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliResult, repoRoot, runProcess } from "../helpers/check-cli";

/**
 * A TypeScript CLI with its stdout on a real pipe (`|`, as a shell makes it: Node's own child stdio
 * is a socket pair with larger buffers) whose reader takes its first byte, then waits half a second:
 * the pipe's 64 KiB fill, so the rest of the output is still queued in the writer when it is done,
 * and is lost if it exits then. A reader that lags behind the writer is what `| jq` on a busy runner is.
 */
function throughSlowPipe(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const slowReader = `{ IFS= read -r -d '' -n 1 first; sleep 0.5; printf '%s' "$first"; cat; }`;
  return runProcess(
    "bash",
    [
      "-c",
      `"$0" --require tsx/cjs "$@" | ${slowReader}; exit "\${PIPESTATUS[0]}"`,
      process.execPath,
      script,
      ...args,
    ],
    { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1", ...env } },
  );
}

describe("a CLI's output through a pipe", function () {
  this.timeout(120_000);

  it("arrives whole past 64 KiB of text, ending with its last line and the CLI's own exit code", async () => {
    const result = await throughSlowPipe(path.join(repoRoot, "test/fixtures/cli/large-output.ts"), [], {
      BYTES: String(1 << 20),
    });
    assert.equal(result.code, 3, result.stderr);
    assert.ok(result.stdout.length > 1 << 20);
    assert.equal(result.stdout.trimEnd().split("\n").at(-1), "PASS");
  });

  it("is how every CLI of tools/ and bench/ ends: none calls process.exit() but tools/cli-exit.ts", () => {
    const cliFiles = ["tools", "bench", "examples"].flatMap((dir) =>
      fs
        .readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts"))
        .map((file) => path.join(dir, file)),
    );
    const exiting = cliFiles.filter(
      (file) =>
        file !== path.join("tools", "cli-exit.ts") &&
        /process\.exit\(/.test(fs.readFileSync(path.join(repoRoot, file), "utf8")),
    );
    assert.deepEqual(exiting, []);
    // The CLIs whose worker threads, child processes or DuckDB keep the event loop alive end through
    // runCli, whose flushing the test above proves (the check's own report through a pipe was cut at
    // 64 KiB before; a spawned check here proved the same again, at a full check run's cost).
    for (const file of ["tools/check/cli.ts", "tools/chargeback/cli.ts", "tools/new-tenant.ts"])
      assert.match(fs.readFileSync(path.join(repoRoot, file), "utf8"), /\brunCli\(/, file);
  });
});
