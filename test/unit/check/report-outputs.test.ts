import * as assert from "node:assert/strict";
import { reportOutputs } from "../../../tools/check/input/report-outputs";

describe("where the check's reports go (--format, --out)", () => {
  it("writes --format to standard output without --out, and to the file of a plain --out, as before", () => {
    assert.deepEqual(reportOutputs("text", []), { outputs: [{ format: "text" }] });
    assert.deepEqual(reportOutputs("json", ["r.json"]), { outputs: [{ format: "json", file: "r.json" }] });
  });

  it("writes every format of one run with --out FORMAT=FILE, a file name with '=' kept whole", () => {
    assert.deepEqual(
      reportOutputs("markdown", ["out/dev.md", "json=out/dev.json", "sarif=a=b.sarif", "x=y"]),
      {
        outputs: [
          { format: "markdown", file: "out/dev.md" },
          { format: "json", file: "out/dev.json" },
          { format: "sarif", file: "a=b.sarif" },
          { format: "markdown", file: "x=y" },
        ],
      },
    );
  });

  it("refuses an unknown format and a FORMAT= with no file", () => {
    assert.deepEqual(reportOutputs("html", []), {
      error: '--format: expected one of text, markdown, json, sarif, github, got "html"',
    });
    assert.match((reportOutputs("text", ["json="]) as { error: string }).error, /json= names no file/);
  });
});
