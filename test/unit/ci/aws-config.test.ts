import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { accountProfileName, environmentAwsProfiles, payerProfileName } from "../../../src/aws-profiles";
import { type StackConfig, validateStackConfig } from "../../../src/config";
import { validateOrgConfig } from "../../../src/org-config";
import { renderAwsConfig, stackProfiles } from "../../../tools/aws-config";
import { readStackConfigFile } from "../../../tools/stack-config-file";
import { repoRoot } from "../../helpers/check-cli";

function shippedConfig(stack: string): StackConfig {
  const read = readStackConfigFile(repoRoot, stack);
  assert.ok(!("errors" in read), JSON.stringify(read));
  const validated = validateStackConfig(read.config, read.file);
  assert.ok(!("errors" in validated), JSON.stringify(validated));
  return validated.config;
}

/** `[profile name]` → its key/value lines, as the AWS SDKs read the shared config file. */
function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of text.split("\n")) {
    const header = /^\[profile ([^\]]+)\]$/.exec(line);
    if (header) sections.set(header[1], (current = {}));
    else if (current && /^\w+ = /.test(line)) {
      const [key, value] = line.split(" = ");
      current[key] = value;
    }
  }
  return sections;
}

function runCli(args: string[]) {
  return spawnSync(
    process.execPath,
    ["--require", "tsx/cjs", path.join(repoRoot, "tools/aws-config.ts"), ...args],
    {
      encoding: "utf8",
    },
  );
}

describe("AWS config for a job (tools/aws-config.ts)", () => {
  for (const stack of ["dev", "prod"]) {
    it(`maps every profile the ${stack} program reads to the deploy role, and to the preview role, of its account`, () => {
      const config = shippedConfig(stack);
      for (const role of ["deploy", "preview"] as const) {
        const rendered = renderAwsConfig(`Pulumi.${stack}.yaml`, environmentAwsProfiles(config, role), {
          role,
        });
        assert.ok("text" in rendered, JSON.stringify(rendered));
        const profiles = parseIni(rendered.text);
        const field = role === "deploy" ? "roleArn" : "previewRoleArn";
        const expected = new Map<string, string | undefined>(
          Object.entries(config.accounts).map(([alias, account]) => [
            accountProfileName(alias),
            account[field],
          ]),
        );
        assert.deepEqual(
          [...profiles].map(([name, keys]) => [name, keys.role_arn]),
          [...expected],
        );
        for (const keys of profiles.values()) {
          assert.equal(keys.credential_source, "Environment");
          assert.equal(keys.role_session_name, `bedrock-cost-governance-${role}`);
        }
        // Preview and deploy never share a role: a preview must not hold write credentials.
        if (role === "preview")
          for (const [name, arn] of expected) assert.doesNotMatch(arn ?? "", /deploy$/, name);
      }
    });
  }

  it("maps the org stack's one profile, the payer account's, to the org role or its read-only preview role", () => {
    const read = readStackConfigFile(repoRoot, "org");
    assert.ok(!("errors" in read));
    const org = validateOrgConfig(read.config, read.file);
    assert.ok(!("errors" in org), JSON.stringify(org));
    for (const [role, field] of [
      ["deploy", "roleArn"],
      ["preview", "previewRoleArn"],
    ] as const) {
      const profiles = stackProfiles(repoRoot, "org", role);
      assert.ok("profiles" in profiles, JSON.stringify(profiles));
      const rendered = renderAwsConfig("Pulumi.org.yaml", profiles.profiles, { role });
      assert.ok("text" in rendered, JSON.stringify(rendered));
      assert.deepEqual(
        [...parseIni(rendered.text)].map(([name, keys]) => [name, keys.role_arn]),
        [[payerProfileName, org.config.payer[field]]],
      );
    }
    assert.notEqual(org.config.payer.previewRoleArn, org.config.payer.roleArn);
  });

  it("assumes from the caller's own profile by hand (break-glass), not from the environment", () => {
    const rendered = renderAwsConfig(
      "Pulumi.dev.yaml",
      environmentAwsProfiles(shippedConfig("dev"), "deploy"),
      {
        role: "deploy",
        sourceProfile: "breakglass",
      },
    );
    assert.ok("text" in rendered);
    for (const keys of parseIni(rendered.text).values()) {
      assert.equal(keys.source_profile, "breakglass");
      assert.equal(keys.credential_source, undefined);
    }
  });

  it("refuses a role in another account than the one the provider may act in, naming the field", () => {
    const config = shippedConfig("dev");
    const profiles = environmentAwsProfiles(config, "deploy").map((profile, index) =>
      index === 0 ? { ...profile, roleArn: "arn:aws:iam::999999999999:role/other" } : profile,
    );
    const rendered = renderAwsConfig("Pulumi.dev.yaml", profiles, { role: "deploy" });
    assert.ok("errors" in rendered);
    assert.deepEqual(rendered.errors, [
      {
        file: "Pulumi.dev.yaml",
        path: "bedrock-cost-governance:accounts.claims-ai.roleArn",
        message: "the role is in account 999999999999, but the provider may only act in 444455556666",
      },
    ]);
  });

  it("exits 2 naming each missing preview role, and writes nothing (a same-repo PR with incomplete config fails)", () => {
    const config = shippedConfig("dev");
    const withoutPreviewRoles: StackConfig = {
      ...config,
      accounts: Object.fromEntries(
        Object.entries(config.accounts).map(([alias, { previewRoleArn: _dropped, ...account }]) => [
          alias,
          account,
        ]),
      ),
    };
    const rendered = renderAwsConfig(
      "Pulumi.dev.yaml",
      environmentAwsProfiles(withoutPreviewRoles, "preview"),
      {
        role: "preview",
      },
    );
    assert.ok("errors" in rendered);
    assert.deepEqual(
      rendered.errors.map((error) => error.path),
      Object.keys(config.accounts).map((alias) => `bedrock-cost-governance:accounts.${alias}.previewRoleArn`),
    );
  });

  it("exits 2 on an unknown stack or role, and 0 with the config on standard output", () => {
    const unknownStack = runCli(["--stack", "nope", "--role", "deploy"]);
    assert.equal(unknownStack.status, 2);
    assert.match(unknownStack.stderr, /Pulumi\.nope\.yaml: no such stack file/);
    assert.equal(unknownStack.stdout, "");
    const badRole = runCli(["--stack", "dev", "--role", "admin"]);
    assert.equal(badRole.status, 2);
    assert.match(badRole.stderr, /--role deploy\|preview/);
    const ok = runCli(["--stack", "dev", "--role", "preview"]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(parseIni(ok.stdout).has(accountProfileName("shared-ai")));
  });
});
