/** Audits of deployed state read what is deployed, whatever the order, or refuse. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN, secretSignature, signatureKey } from "../../tools/check/plan/planned-resource";
import { readStackExport } from "../../tools/check/input/stack-export";
import { compliantExport } from "../fixtures/stack-export";
import { tempDir } from "../helpers/temp-files";

function write(exported: unknown): string {
  const file = path.join(tempDir("stack-export-"), "state.json");
  fs.writeFileSync(file, JSON.stringify(exported));
  return file;
}

describe("readStackExport on a final state", () => {
  it("refuses an export of another deployment version, naming the field", () => {
    const file = write({ ...compliantExport(), version: 2 });
    assert.deepEqual(readStackExport(file), {
      errors: [
        {
          file,
          path: "version",
          message: "expected 3: `pulumi stack export` writes deployment version 3, got 2",
        },
      ],
    });
  });

  it("refuses a secret exported as ciphertext only, saying to re-export with --show-secrets", () => {
    const exported = compliantExport();
    const policy = exported.deployment.resources.find(
      (resource) => resource.type === "aws:iam/policy:Policy",
    )!;
    policy.outputs = { ...policy.outputs, policy: { [signatureKey]: secretSignature, ciphertext: "AAAA" } };
    const file = write(exported);
    const result = readStackExport(file);
    assert.ok("errors" in result, "a ciphertext-only export must not be judged");
    assert.equal(result.errors[0].file, file);
    assert.match(result.errors[0].path, /^deployment\.resources\[\d+\]\.outputs\.policy$/);
    assert.match(
      result.errors[0].message,
      /ciphertext only\); re-export with `pulumi stack export --show-secrets/,
    );
  });

  it("reads a secret exported with --show-secrets", () => {
    const exported = compliantExport();
    const policy = exported.deployment.resources.find(
      (resource) => resource.type === "aws:iam/policy:Policy",
    )!;
    const document = policy.outputs!.policy as string;
    policy.outputs = {
      ...policy.outputs,
      policy: { [signatureKey]: secretSignature, plaintext: JSON.stringify(document) },
    };
    const result = readStackExport(write(exported));
    assert.ok(!("errors" in result));
    assert.equal(
      result.resources.find((resource) => resource.type === "aws:iam/policy:Policy")!.outputs!.policy,
      document,
    );
  });

  it("refuses a value that is still unknown after apply", () => {
    const exported = compliantExport();
    const profile = exported.deployment.resources.find((resource) =>
      resource.type.startsWith("aws:bedrock/"),
    )!;
    profile.outputs = { ...profile.outputs, arn: UNKNOWN };
    const result = readStackExport(write(exported));
    assert.ok("errors" in result);
    assert.match(result.errors[0].message, /unknown in a deployed state/);
  });

  it("puts providers before the resources that use them, however the export orders them", () => {
    const exported = compliantExport();
    const resources = exported.deployment.resources;
    const providerIndex = resources.findIndex((resource) => resource.type === "pulumi:providers:aws");
    resources.push(...resources.splice(providerIndex, 1)); // provider last
    const result = readStackExport(write(exported));
    assert.ok(!("errors" in result));
    const firstUser = result.resources.findIndex((resource) => resource.provider !== undefined);
    const provider = result.resources.findIndex((resource) => resource.type === "pulumi:providers:aws");
    assert.ok(provider < firstUser, `provider at ${provider}, first resource using it at ${firstUser}`);
  });
});
