import * as assert from "node:assert/strict";
import * as path from "node:path";
import { usage as chargebackUsage } from "../../tools/chargeback/args";
import { repoRoot, runCheckCli, runTypeScriptCli } from "../helpers/check-cli";

// The first step both CLIs share (tools/cli-flags.ts): --help prints the usage and exits 0, a flag
// that cannot be parsed prints its message and the usage on stderr and exits 2, and neither waits for
// the program or the AWS SDK to load.

const chargeback = (args: string[], env: Record<string, string> = {}) =>
  runTypeScriptCli(path.join(repoRoot, "tools/chargeback/cli.ts"), args, {
    cwd: repoRoot,
    env: { ...process.env, CHARGEBACK_NOW: "2026-12-03T10:00:00Z", ...env },
  });

describe("CLI flags: --help and unparsable flags", function () {
  it("check --help prints the usage on stdout and exits 0", async () => {
    const result = await runCheckCli(["--help"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: npm run check -- \[options\]\n/);
    assert.match(result.stdout, /Exit codes:\n {2}0 {2}no mandatory violation/);
    assert.equal(result.stderr, "");
  });

  it("check with an unknown flag prints one line, a blank line and the usage on stderr, and exits 2", async () => {
    const result = await runCheckCli(["--stacks", "dev"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^check: Unknown option '--stacks'[^\n]*\n\nUsage: npm run check/);
    assert.equal(result.stdout, "");
  });

  it("chargeback -h prints exactly its usage on stdout and exits 0", async () => {
    const result = await chargeback(["-h"]);
    assert.deepEqual(result, { code: 0, stdout: chargebackUsage, stderr: "" });
  });

  it("chargeback with a bad flag prints its message and the usage on stderr, and exits 2", async () => {
    const result = await chargeback(["--month", "2026-11"]);
    assert.deepEqual(result, {
      code: 2,
      stdout: "",
      stderr: `chargeback: --stack: required (the stack whose accounts and tenants are reported)\n\n${chargebackUsage}`,
    });
  });

  it("chargeback refuses a CHARGEBACK_NOW that is not a date the same way, before reading any flag", async () => {
    const result = await chargeback(["--help"], { CHARGEBACK_NOW: "yesterday" });
    assert.deepEqual(result, {
      code: 2,
      stdout: "",
      stderr: `chargeback: CHARGEBACK_NOW: not a date: "yesterday"\n\n${chargebackUsage}`,
    });
  });
});
