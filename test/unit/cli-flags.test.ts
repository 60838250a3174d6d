import * as assert from "node:assert/strict";
import { parseCli } from "../../tools/cli-flags";

/** What `parseCli` wrote to stdout and stderr, and what it returned. */
function parse(argv: string[], positionals = false) {
  const written = { stdout: "", stderr: "" };
  const original = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: string) => (
    (written.stdout += chunk),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => (
    (written.stderr += chunk),
    true
  )) as typeof process.stderr.write;
  try {
    const result = parseCli<{ rounds: string }>(
      "bench:x",
      "Usage: npm run bench:x -- [--rounds N]\n",
      { rounds: { type: "string", default: "3" } },
      { argv, positionals },
    );
    return { result, ...written };
  } finally {
    process.stdout.write = original.stdout;
    process.stderr.write = original.stderr;
  }
}

describe("the shared command-line parser (tools/cli-flags.ts)", () => {
  it("prints the usage on stdout for --help and -h, and ends with 0", () => {
    for (const flag of ["--help", "-h"]) {
      const { result, stdout, stderr } = parse([flag]);
      assert.equal(result, 0);
      assert.equal(stdout, "Usage: npm run bench:x -- [--rounds N]\n");
      assert.equal(stderr, "");
    }
  });

  it("refuses an unknown flag or a stray argument with its message and the usage on stderr, and ends with 2", () => {
    for (const argv of [["--no-such-flag"], ["stray"]]) {
      const { result, stdout, stderr } = parse(argv);
      assert.equal(result, 2);
      assert.equal(stdout, "");
      assert.match(stderr, /^bench:x: .+\n\nUsage: npm run bench:x -- \[--rounds N\]\n$/);
    }
  });

  it("returns the values with their defaults, and the positionals when allowed", () => {
    assert.deepEqual(parse(["name", "--rounds", "5"], true).result, {
      rounds: "5",
      help: false,
      positionals: ["name"],
    });
    assert.deepEqual(parse([]).result, { rounds: "3", help: false, positionals: [] });
  });
});
