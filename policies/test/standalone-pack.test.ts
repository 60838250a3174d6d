/**
 * the path `pulumi policy publish` takes. `npm pack` the pack, unpack the tarball in an
 * empty directory, `npm install` its dependencies there (as the CLI does for a published pack) and
 * have `@pulumi/pulumi/cmd/run-policy-pack` serve it over the Analyzer protocol, type-checked by the
 * TypeScript and ts-node the pack declares (the SDK's fallback, TypeScript 3.8, rejects its tsconfig).
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { policies } from "../policies";
import { AnalyzerClient } from "./helpers/analyzer-client";
import {
  type Registered,
  expectedNativeViolations,
  nativeStack,
  registerNative,
} from "./helpers/native-resources";

const packSource = path.resolve(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("the pack from its tarball, alone", function () {
  this.timeout(300_000);
  let client: AnalyzerClient | undefined;
  // The tarball and the pack installed from it (about 120 MB): removed when the file's tests end.
  let work: string | undefined;
  let installed: string;
  let registered: Registered[];

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "standalone-pack-"));
    const quiet = {
      stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"],
      encoding: "utf8" as const,
    };
    const tarball = execFileSync(npm, ["pack", "--pack-destination", work, "--silent"], {
      cwd: packSource,
      ...quiet,
    }).trim();
    installed = path.join(work, "installed");
    fs.mkdirSync(installed);
    execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", installed, "--strip-components=1"], quiet);
    // No lock file travels in the tarball; the cache makes this fast where the repository was installed.
    execFileSync(
      npm,
      ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"],
      {
        cwd: installed,
        ...quiet,
      },
    );
    registered = await registerNative(nativeStack);
    client = await AnalyzerClient.serve(installed);
  });

  after(async () => {
    await client?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("ships sources and tables only, and declares TypeScript 5 and ts-node", () => {
    assert.ok(!fs.existsSync(path.join(installed, "test")), "tests are not shipped");
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    assert.match(manifest.dependencies.typescript, /^[~^]?5\./);
    assert.ok(manifest.dependencies["ts-node"]);
    const typescript = JSON.parse(
      fs.readFileSync(path.join(installed, "node_modules/typescript/package.json"), "utf8"),
    );
    assert.match(typescript.version, /^5\./);
  });

  it("serves every policy over the Analyzer protocol", async () => {
    const info = await client!.info();
    assert.equal(info.name, "bedrock-cost-guardrails");
    assert.deepEqual(
      info.policies,
      policies.map((policy) => policy.name),
    );
  });

  it("judges real aws-native resources as the engine sends them", async () => {
    for (const resource of registered) {
      const diagnostics = await client!.analyze({
        type: resource.type,
        name: resource.name,
        properties: resource.inputs,
      });
      assert.deepEqual(
        [...new Set(diagnostics.map((diagnostic) => diagnostic.policyName))].sort(),
        expectedNativeViolations[resource.name],
        `${resource.name}: ${JSON.stringify(diagnostics)}\n${client!.stderr}`,
      );
    }
  });
});
