import * as assert from "node:assert/strict";
import * as path from "node:path";
import { forgottenDoubleDash, inputDirectories, userPaths } from "../../../tools/check/input/command-line";

const optionNames = ["stack", "tenants", "state", "policy-pack", "policy-config", "format", "out"];

describe("the check's command line as npm hands it over", () => {
  it("tells a user who forgot the -- to write npm run check -- --stack prod", () => {
    // What npm leaves the check after `npm run check --stack prod`: the flag became npm's config.
    const env = { npm_lifecycle_event: "check", npm_config_stack: "true" };
    assert.equal(
      forgottenDoubleDash(env, ["prod"], optionNames),
      'npm took --stack for itself (no "--" before the check\'s flags): write `npm run check -- --stack prod`',
    );
    assert.equal(forgottenDoubleDash({ npm_lifecycle_event: "check" }, [], optionNames), undefined);
    assert.equal(forgottenDoubleDash({ npm_config_stack: "true" }, ["prod"], optionNames), undefined);
  });

  describe("paths in flags", () => {
    const saved = { event: process.env.npm_lifecycle_event, initCwd: process.env.INIT_CWD };
    afterEach(() => {
      for (const [key, value] of [
        ["npm_lifecycle_event", saved.event],
        ["INIT_CWD", saved.initCwd],
      ] as const)
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    });

    it("resolves a relative path from where the command was typed (INIT_CWD under npm) and shows it as written", () => {
      const typedIn = path.join(path.sep, "home", "someone", "work");
      process.env.npm_lifecycle_event = "check";
      process.env.INIT_CWD = typedIn;
      const paths = userPaths({ tenants: "mine", format: "json" });
      assert.equal(paths.resolve("mine"), path.join(typedIn, "mine"));
      assert.deepEqual(
        paths.asWritten({ file: path.join(typedIn, "mine", "claims.ts"), path: "", message: "m" }),
        { file: path.join("mine", "claims.ts"), path: "", message: "m" },
      );
      const elsewhere = { file: "Pulumi.dev.yaml", path: "stack", message: "m" };
      assert.deepEqual(paths.asWritten(elsewhere), elsewhere);
    });

    it("resolves from the working directory when not run by npm run check", () => {
      delete process.env.npm_lifecycle_event;
      process.env.INIT_CWD = path.join(path.sep, "elsewhere");
      assert.equal(userPaths({ tenants: "mine" }).resolve("mine"), path.resolve("mine"));
      assert.equal(userPaths({}).resolve(undefined), undefined);
    });
  });

  it("refuses a policy pack without PulumiPolicy.yaml and a --tenants that is no directory, in one line each", () => {
    const repo = path.resolve(__dirname, "..", "..", "..");
    const paths = {
      resolve: (value?: string) => (value === undefined ? undefined : path.resolve(repo, value)),
    };
    const at = (flags: { "policy-pack"?: string; tenants?: string }) =>
      inputDirectories(flags, paths as ReturnType<typeof userPaths>, path.join(repo, "policies"));
    assert.deepEqual(at({ "policy-pack": "tenants" }), {
      error: "--policy-pack: tenants is not a policy pack (it has no PulumiPolicy.yaml)",
    });
    assert.deepEqual(at({ tenants: "no/such/tenants" }), {
      error: '--tenants: no such directory "no/such/tenants"',
    });
    assert.deepEqual(at({ tenants: "package.json" }), {
      error: '--tenants: no such directory "package.json"',
    });
    assert.deepEqual(at({ tenants: "tenants" }), {
      packDir: path.join(repo, "policies"),
      tenantsDir: path.join(repo, "tenants"),
    });
    assert.deepEqual(at({ "policy-pack": "bench/empty-pack" }), {
      packDir: path.join(repo, "bench", "empty-pack"),
      tenantsDir: undefined,
    });
  });
});
