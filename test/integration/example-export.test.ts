import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { exampleExportFile, exampleStackExport } from "../../examples/write-stack-export";

/*
 * The shipped example export is the program's own plan of examples/tenants, so what the tests prove
 * on it (test/unit/check-report/, the --state smoke test in check-cli.test.ts) holds for the program.
 */
describe("examples/stack-export.json", function () {
  this.timeout(60_000);

  it("is what npm run example:stack-export writes from today's program and examples/tenants", async () => {
    const shipped = JSON.parse(fs.readFileSync(exampleExportFile, "utf8"));
    assert.deepEqual(
      shipped,
      JSON.parse(JSON.stringify(await exampleStackExport())),
      "examples/stack-export.json is stale: run `npm run example:stack-export`",
    );
  });
});
