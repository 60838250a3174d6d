import * as assert from "node:assert/strict";
import * as path from "node:path";
import { usage as chargebackUsage } from "../../tools/chargeback/args";
import { repoRoot, runTypeScriptCli } from "../helpers/check-cli";

// The chargeback's own first step, before the shared parser (tools/cli-flags.ts, proven in
// test/unit/cli-flags.test.ts; every script's --help in cli-help.test.ts): its required flag and its
// clock, refused before the AWS SDK loads.

const chargeback = (args: string[], env: Record<string, string> = {}) =>
  runTypeScriptCli(path.join(repoRoot, "tools/chargeback/cli.ts"), args, {
    cwd: repoRoot,
    env: { ...process.env, CHARGEBACK_NOW: "2026-12-03T10:00:00Z", ...env },
  });

describe("CLI flags: --help and unparsable flags", function () {
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
