import assert from "node:assert/strict";
import {
  AmbiguousProfileError,
  InvalidSelectorError,
  ProfileLookupError,
  ProfileNotFoundError,
  ProfileResolverError,
  type ProfileSource,
} from "..";
import { CLAIMS_CHATBOT, records } from "./fakes";
import { ARN_1, ARN_2, setup, throttled } from "./resolver-setup";

// What one resolve answers: exactly one profile ARN whose tags match the selector, or a named error.

describe("ProfileResolver: answers", () => {
  it("returns the ARN of the one profile whose tags match the selector", async () => {
    const { resolver, source } = setup();
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.deepEqual(source.calls, [CLAIMS_CHATBOT]);
  });

  it("rejects with ProfileNotFoundError naming the selector when no profile matches", async () => {
    const { resolver, source } = setup();
    source.always([]);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), (error: unknown) => {
      assert.ok(error instanceof ProfileNotFoundError && error instanceof ProfileResolverError);
      assert.equal(error.name, "ProfileNotFoundError");
      assert.equal(
        error.message,
        "no application inference profile matches {profile=chatbot, tenant=claims}",
      );
      assert.deepEqual(error.selector, CLAIMS_CHATBOT);
      return true;
    });
  });

  it("rejects with AmbiguousProfileError naming the selector and the candidates when several match", async () => {
    const { resolver, source } = setup();
    source.always(records(CLAIMS_CHATBOT, ARN_2, ARN_1));
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), (error: unknown) => {
      assert.ok(error instanceof AmbiguousProfileError);
      assert.equal(error.name, "AmbiguousProfileError");
      assert.match(
        error.message,
        /^2 application inference profiles match \{profile=chatbot, tenant=claims\}/,
      );
      assert.deepEqual(error.arns, [ARN_1, ARN_2]);
      assert.deepEqual(error.selector, CLAIMS_CHATBOT);
      return true;
    });
  });

  it("counts the same ARN listed twice as one profile", async () => {
    const { resolver, source } = setup();
    source.always(records(CLAIMS_CHATBOT, ARN_1, ARN_1));
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
  });

  it("ignores records a source returns whose tags do not match the selector", async () => {
    const { resolver, source } = setup();
    source.always([
      ...records({ tenant: "claims", profile: "batch" }, ARN_2),
      ...records(CLAIMS_CHATBOT, ARN_1),
    ]);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
  });

  it("never returns a base model id, even when a source offers one as the only match", async () => {
    const { resolver, source } = setup();
    source.always(records(CLAIMS_CHATBOT, "anthropic.claude-3-haiku-20240307-v1:0"));
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), (error: unknown) => {
      assert.ok(error instanceof ProfileNotFoundError);
      assert.deepEqual(error.rejectedValues, ["anthropic.claude-3-haiku-20240307-v1:0"]);
      assert.match(error.message, /not application inference profile ARNs: anthropic\.claude/);
      return true;
    });
  });

  it("picks the profile ARN when a model id is listed next to it", async () => {
    const { resolver, source } = setup();
    source.always(records(CLAIMS_CHATBOT, "anthropic.claude-3-haiku-20240307-v1:0", ARN_1));
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
  });

  it("wraps a source failure in ProfileLookupError that names the selector and keeps the cause", async () => {
    const { resolver, source } = setup();
    const cause = throttled();
    source.always(cause);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), (error: unknown) => {
      assert.ok(error instanceof ProfileLookupError);
      assert.equal(error.name, "ProfileLookupError");
      assert.equal(error.cause, cause);
      assert.equal(
        error.message,
        "looking up the application inference profile for {profile=chatbot, tenant=claims} failed: ThrottlingException: Rate exceeded",
      );
      return true;
    });
  });

  it("treats a source that resolves to something other than an array as failed", async () => {
    const source: ProfileSource = { lookup: async () => ({ arn: ARN_1 }) as never };
    const { resolver } = setup({ source });
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileLookupError);
  });

  it("turns a source that throws synchronously into a rejection", async () => {
    const source: ProfileSource = {
      lookup: () => {
        throw throttled();
      },
    };
    const { resolver } = setup({ source });
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileLookupError);
  });
});

describe("ProfileResolver: selectors", () => {
  it("rejects an invalid selector with InvalidSelectorError without calling the source", async () => {
    const { resolver, source } = setup();
    for (const selector of [undefined, {}, { tenant: "claims", profile: "" }, { tenant: 42 }]) {
      await assert.rejects(resolver.resolve(selector as never), InvalidSelectorError);
    }
    assert.equal(source.calls.length, 0);
  });

  it("shares one cache entry between selectors that differ only in key order", async () => {
    const { resolver, source } = setup();
    await resolver.resolve({ tenant: "claims", profile: "chatbot" });
    assert.equal(await resolver.resolve({ profile: "chatbot", tenant: "claims" }), ARN_1);
    assert.equal(source.calls.length, 1);
    assert.equal(resolver.stats().entries, 1);
  });

  it("keeps one entry per selector", async () => {
    const { resolver, source } = setup();
    const batch = { tenant: "claims", profile: "batch" };
    source.always([...records(CLAIMS_CHATBOT, ARN_1), ...records(batch, ARN_2)]);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.equal(await resolver.resolve(batch), ARN_2);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.equal(source.calls.length, 2);
  });

  it("adds baseSelector tags to every lookup", async () => {
    const { resolver, source } = setup({ baseSelector: { environment: "prod" } });
    source.always(records({ ...CLAIMS_CHATBOT, environment: "prod" }, ARN_1));
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.equal(await resolver.resolve({ ...CLAIMS_CHATBOT, environment: "prod" }), ARN_1);
    assert.deepEqual(source.calls, [{ environment: "prod", ...CLAIMS_CHATBOT }]);
  });

  it("rejects a selector that contradicts baseSelector instead of overriding it", async () => {
    const { resolver, source } = setup({ baseSelector: { environment: "prod" } });
    await assert.rejects(resolver.resolve({ ...CLAIMS_CHATBOT, environment: "dev" }), {
      name: "InvalidSelectorError",
      message: /tag "environment" is pinned to "prod"/,
    });
    assert.equal(source.calls.length, 0);
  });

  it("hands the source a frozen copy, so a caller mutating its selector cannot change a lookup", async () => {
    const { resolver, source } = setup();
    const selector: Record<string, string> = { ...CLAIMS_CHATBOT };
    const pending = resolver.resolve(selector);
    selector.profile = "batch";
    await pending;
    assert.deepEqual(source.calls[0], CLAIMS_CHATBOT);
    assert.ok(Object.isFrozen(source.calls[0]));
  });
});
