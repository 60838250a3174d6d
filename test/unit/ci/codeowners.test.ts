import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../helpers/check-cli";

/** pattern → owners, in file order (GitHub applies the last matching pattern). */
const rules = fs
  .readFileSync(path.join(repoRoot, ".github/CODEOWNERS"), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"))
  .map((line) => {
    const [pattern, ...owners] = line.split(/\s+/);
    return { pattern, owners };
  });

/** The owners of a path, by the subset of CODEOWNERS syntax this file uses. */
function ownersOf(file: string): string[] {
  let owners: string[] = [];
  for (const { pattern, owners: candidate } of rules) {
    const anchored = pattern.startsWith("/");
    const body = pattern.replace(/^\//, "");
    const regex = new RegExp(
      `^${anchored ? "" : "(.*/)?"}${body.replace(/[.+]/g, "\\$&").replace(/\*/g, "[^/]*")}${body.endsWith("/") ? ".*" : "$"}`,
    );
    if (pattern === "*" || regex.test(file)) owners = candidate;
  }
  return owners;
}

describe(".github/CODEOWNERS", () => {
  it("gives the platform team everything that decides what runs with deploy credentials", () => {
    for (const file of [
      "policies/index.ts",
      ".github/workflows/deploy.yml",
      "tools/ci/pulumi-run.sh",
      "src/providers.ts",
      "index.ts",
      "Pulumi.prod.yaml",
      "Pulumi.org.yaml",
      "package.json",
      "package-lock.json",
      "policies/package.json",
      "resolver/package.json",
    ]) {
      assert.deepEqual(ownersOf(file), ["@acme/platform-team"], file);
    }
  });

  it("gives tenant owners the tenant files", () => {
    assert.deepEqual(ownersOf("tenants/claims.ts"), ["@acme/tenant-owners"]);
  });
});
