import { strict as assert } from "node:assert";
import { builtinModules } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../helpers/check-cli";

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), "utf8"));

/** Every bare package an import or require in these files names (`@scope/name` or `name`). */
function importedPackages(dir: string): Set<string> {
  const packages = new Set<string>();
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(full);
      } else if (entry.name.endsWith(".ts")) {
        const text = fs.readFileSync(full, "utf8");
        for (const [, specifier] of text.matchAll(/(?:from|import|require\()\s*"([^".][^"]*)"/g)) {
          const parts = specifier.split("/");
          packages.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]);
        }
      }
    }
  };
  walk(path.join(repoRoot, dir));
  return packages;
}

describe("packages own their dependencies", () => {
  it("the resolver workspace declares every package its code and tests import", () => {
    const manifest = readJson("resolver/package.json");
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ]);
    const undeclared = [...importedPackages("resolver")].filter(
      (name) => !declared.has(name) && !name.startsWith("node:") && !builtinModules.includes(name),
    );
    assert.deepEqual(undeclared, []);
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), [
      "@aws-sdk/client-resource-groups-tagging-api",
      "@aws-sdk/client-ssm",
    ]);
  });

  it("the Pulumi program imports no AWS SDK client, and the resolver's are not root dependencies", () => {
    const root = readJson("package.json");
    assert.ok(root.workspaces.includes("resolver"));
    const rootDeps = new Set([...Object.keys(root.dependencies), ...Object.keys(root.devDependencies)]);
    const resolverDeps = Object.keys(readJson("resolver/package.json").dependencies);
    assert.deepEqual(
      resolverDeps.filter((name) => rootDeps.has(name)),
      [],
    );
    // The program's own files (the tools, e.g. npm run chargeback, may use SDK clients they declare).
    const programImports = [...importedPackages("src"), ...importedPackages("tenants")];
    const index = fs.readFileSync(path.join(repoRoot, "index.ts"), "utf8");
    assert.deepEqual(
      programImports.filter((name) => name.startsWith("@aws-sdk/")),
      [],
    );
    assert.doesNotMatch(index, /@aws-sdk\//);
  });

  it("npm test runs every workspace's tests and type checks (it names them, longest first, for the two cores)", () => {
    const root = readJson("package.json");
    // The root's `npm run typecheck` checks every workspace's tests (one TypeScript program loads the
    // shared SDK types once); a workspace's own `typecheck` checks what it ships, under its own config.
    const rootIncludes: string[] = readJson("tsconfig.json").include;
    for (const workspace of root.workspaces as string[]) {
      assert.ok(
        [`${workspace}/**/*.ts`, `${workspace}/test/**/*.ts`].some((glob) => rootIncludes.includes(glob)),
        `the root tsconfig.json does not include ${workspace}'s tests`,
      );
      const scripts: Record<string, string> = readJson(`${workspace}/package.json`).scripts ?? {};
      const test = scripts["test:unit"] ? "test:unit" : "test";
      assert.ok(scripts[test], `${workspace} has no test script`);
      assert.match(root.scripts.test, new RegExp(`"npm (run )?${test} -w ${workspace}"`), workspace);
      if (scripts.typecheck)
        assert.match(root.scripts.test, new RegExp(`"npm run typecheck -w ${workspace}"`), workspace);
    }
  });
});
