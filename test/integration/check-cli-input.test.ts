import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../helpers/check-cli";
import { tempDir } from "../helpers/temp-files";

/*
 * What the npm script's command line does before the check's own code runs. The check's flags are
 * proved in test/unit/check/command-line.test.ts (a forgotten --, paths as typed) and
 * test/integration/check-cli.test.ts; tenant files that would run code in test/unit/tenant-source.test.ts.
 */
describe("npm run check: before the check starts", function () {
  this.timeout(60_000);

  it("exits 2 and says to run npm ci when the dependencies are not installed", () => {
    const project = tempDir("bcg-no-modules-");
    fs.mkdirSync(path.join(project, "tools/check"), { recursive: true });
    fs.copyFileSync(
      path.join(repoRoot, "tools/check/require-installed.cjs"),
      path.join(project, "tools/check/require-installed.cjs"),
    );
    // The npm script's own command line, in a project without node_modules.
    const result = spawnSync(
      process.execPath,
      ["--require", "./tools/check/require-installed.cjs", "--require", "tsx/cjs", "tools/check/cli.ts"],
      { cwd: project, encoding: "utf8" },
    );
    assert.equal(result.status, 2);
    assert.equal(result.stderr, `check: tsx/cjs is not installed: run \`npm ci\` in ${project} first\n`);
  });
});
