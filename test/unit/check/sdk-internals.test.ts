import * as assert from "node:assert/strict";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { sdkHooks, waitForRPCs } from "../../../tools/check/sdk-internals";

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
