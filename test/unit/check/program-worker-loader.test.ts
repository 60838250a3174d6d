import * as assert from "node:assert/strict";
import * as path from "node:path";
import { loadPackagesNatively, programWorkerSource } from "../../../tools/check/performance";

describe("the program worker's module loading (tools/check/performance.ts)", () => {
  it("loads packages' JavaScript with node's own loader and everything else with the registered one", () => {
    const loadedBy: string[] = [];
    const extensions = {
      ".js": (_module: unknown, filename: string) => void loadedBy.push(`tsx ${path.basename(filename)}`),
    };
    const native = (_module: unknown, filename: string) =>
      void loadedBy.push(`node ${path.basename(filename)}`);
    loadPackagesNatively(native, extensions);
    const packages = path.join(path.sep, "repo", "node_modules", "@pulumi", "pulumi");
    extensions[".js"]({}, path.join(packages, "index.js"));
    extensions[".js"]({}, path.join(packages, "zod.cjs"));
    extensions[".js"]({}, path.join(path.sep, "repo", "bench", "empty-pack", "index.js"));
    assert.deepEqual(loadedBy, ["node index.js", "node zod.cjs", "tsx index.js"]);
  });

  it("starts the worker with tsx registered, packages loaded natively and source maps off", () => {
    const source = programWorkerSource("/repo/tools/check/program/program-worker.ts");
    const order = [
      'require("tsx/cjs")',
      "loadPackagesNatively(nativeJs)",
      "setSourceMapsEnabled(false)",
      "program-worker.ts",
    ];
    const positions = order.map((part) => source.indexOf(part));
    assert.ok(
      positions.every((position) => position >= 0),
      source,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      source,
    );
  });
});
