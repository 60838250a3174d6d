import * as assert from "node:assert/strict";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { engineUrn, sdkHooks, waitForRPCs } from "../../../tools/check/sdk-internals";
import { planStack } from "../../helpers/program";

describe("the check's hooks into @pulumi/pulumi internals (tools/check/sdk-internals.ts)", () => {
  for (const hook of sdkHooks) {
    it(`${hook.name} is where the installed SDK has it`, () => {
      hook.verify();
    });
  }

  it("names the hook when an SDK upgrade moves one", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: unknown };
    const original = settings.waitForRPCs;
    settings.waitForRPCs = undefined;
    try {
      const hook = sdkHooks.find((candidate) => candidate.name === "runtime/settings.waitForRPCs");
      assert.throws(() => hook?.verify(), /SDK internal hook "runtime\/settings\.waitForRPCs" is gone/);
      assert.throws(() => waitForRPCs(), /runtime\/settings\.waitForRPCs/);
    } finally {
      settings.waitForRPCs = original;
    }
  });
});

describe("URNs as the engine forms them (pkg/resource/deploy/deployment.go, generateURN)", function () {
  this.timeout(60_000);
  const stackUrn = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";
  const componentUrn = "urn:pulumi:dev::proj::proj:index:Tenant::claims";

  it("leaves the root stack's type out of its children's, and keeps every other parent's whole qualified type", () => {
    assert.equal(engineUrn("dev", "proj", stackUrn, "proj:index:Tenant", "claims"), componentUrn);
    assert.equal(
      engineUrn("dev", "proj", componentUrn, "proj:index:Part", "claims-part"),
      "urn:pulumi:dev::proj::proj:index:Tenant$proj:index:Part::claims-part",
    );
    assert.equal(
      engineUrn(
        "dev",
        "proj",
        "urn:pulumi:dev::proj::proj:index:Tenant$proj:index:Part::claims-part",
        "aws:sns/topic:Topic",
        "t",
      ),
      "urn:pulumi:dev::proj::proj:index:Tenant$proj:index:Part$aws:sns/topic:Topic::t",
    );
    assert.equal(engineUrn("dev", "proj", "", "pulumi:pulumi:Stack", "proj-dev"), stackUrn);
  });

  it("gives the program's every registration under mocks the engine's URN", async () => {
    for (const stack of ["dev", "org"]) {
      const plan = await planStack(stack);
      const formed = plan.resources.map((resource) =>
        engineUrn(stack, "bedrock-cost-governance", resource.parent ?? "", resource.type, resource.name),
      );
      assert.deepEqual(
        plan.resources.map((resource) => resource.urn),
        formed,
      );
      assert.ok(plan.resources.every((resource) => !resource.urn.includes("pulumi:pulumi:Stack$")));
    }
  });
});

describe("protocol constants", () => {
  // The one place the repository spells them out: everything else imports them from the SDK.
  it("are the engine's: @pulumi/pulumi/runtime/rpc still has the values the engine and stack exports use", () => {
    assert.equal(rpc.unknownValue, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.equal(rpc.specialSigKey, "4dabf18193072939515e22adb298388d");
    assert.equal(rpc.specialSecretSig, "1b47061264138c4ac30d75fd1eb44270");
    assert.equal(rpc.specialResourceSig, "5cf8f73096256a8f31e491e813e4eb8e");
    assert.equal(rpc.specialOutputValueSig, "d0e6a833031e9bbcd3f4e8bde6ca49a4");
  });
});
