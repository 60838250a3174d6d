import assert from "node:assert/strict";
import { InvalidSelectorError, ProfileLookupError } from "..";
import { CLAIMS_CHATBOT, deferred, records } from "./fakes";
import { ARN_1, ARN_2, TTL, resolveConcurrently, setup, throttled } from "./resolver-setup";

// How the resolver caches: fresh answers for ttlMs, one lookup shared by concurrent callers, and
// invalidate() for a caller who knows an answer is wrong.

describe("ProfileResolver: TTL cache", () => {
  it("answers from cache without calling the source while the answer is younger than ttlMs", async () => {
    const { resolver, source, clock } = setup();
    await resolver.resolve(CLAIMS_CHATBOT);
    clock.advance(TTL - 1);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.equal(source.calls.length, 1);
  });

  it("refreshes an answer that is ttlMs old with one lookup and returns the new ARN", async () => {
    const { resolver, source, clock } = setup();
    await resolver.resolve(CLAIMS_CHATBOT);
    source.always(records(CLAIMS_CHATBOT, ARN_2));
    clock.advance(TTL);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_2);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_2);
    assert.equal(source.calls.length, 2);
  });

  it("with ttlMs 0 asks the source on every resolve", async () => {
    const { resolver, source } = setup({ ttlMs: 0 });
    await resolver.resolve(CLAIMS_CHATBOT);
    await resolver.resolve(CLAIMS_CHATBOT);
    assert.equal(source.calls.length, 2);
  });
});

describe("ProfileResolver: single flight", () => {
  it("makes concurrent resolves of a cold entry share one lookup", async () => {
    const fixture = setup();
    assert.deepEqual(await resolveConcurrently(fixture, ARN_1), new Set([ARN_1]));
    assert.equal(fixture.source.calls.length, 1);
  });

  it("makes concurrent resolves of an expired entry share one refresh", async () => {
    const fixture = setup();
    await fixture.resolver.resolve(CLAIMS_CHATBOT);
    fixture.clock.advance(TTL);
    assert.deepEqual(await resolveConcurrently(fixture, ARN_2), new Set([ARN_2]));
    assert.equal(fixture.source.calls.length, 2);
  });

  it("rejects every caller sharing a failed lookup with the same error", async () => {
    const { resolver, source } = setup();
    const pending = deferred<ReturnType<typeof records>>();
    source.queue(pending);
    const answers = Array.from({ length: 10 }, () => resolver.resolve(CLAIMS_CHATBOT));
    pending.reject(throttled());
    const errors = await Promise.all(
      answers.map((answer) =>
        answer.then(
          () => assert.fail("resolved"),
          (error) => error,
        ),
      ),
    );
    assert.ok(errors[0] instanceof ProfileLookupError);
    assert.ok(errors.every((error) => error === errors[0]));
    assert.equal(source.calls.length, 1);
  });
});

describe("ProfileResolver: invalidate", () => {
  it("forgets one selector so its next resolve asks the source, other entries stay", async () => {
    const { resolver, source } = setup();
    const batch = { tenant: "claims", profile: "batch" };
    source.always([...records(CLAIMS_CHATBOT, ARN_1), ...records(batch, ARN_2)]);
    await resolver.resolve(CLAIMS_CHATBOT);
    await resolver.resolve(batch);
    resolver.invalidate({ profile: "chatbot", tenant: "claims" });
    await resolver.resolve(CLAIMS_CHATBOT);
    await resolver.resolve(batch);
    assert.deepEqual(
      source.calls.map((call) => call.profile),
      ["chatbot", "batch", "chatbot"],
    );
  });

  it("forgets every selector when called without one", async () => {
    const { resolver, source } = setup();
    await resolver.resolve(CLAIMS_CHATBOT);
    resolver.invalidate();
    assert.equal(resolver.stats().entries, 0);
    await resolver.resolve(CLAIMS_CHATBOT);
    assert.equal(source.calls.length, 2);
  });

  it("clears a replayed failure too", async () => {
    const { resolver, source } = setup();
    source.queue(throttled());
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileLookupError);
    resolver.invalidate(CLAIMS_CHATBOT);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
  });

  it("does not let a lookup started before invalidate overwrite the answer of one started after", async () => {
    const { resolver, source } = setup();
    const before = deferred<ReturnType<typeof records>>();
    const after = deferred<ReturnType<typeof records>>();
    source.queue(before, after);
    const first = resolver.resolve(CLAIMS_CHATBOT);
    resolver.invalidate(CLAIMS_CHATBOT);
    const second = resolver.resolve(CLAIMS_CHATBOT);
    after.resolve(records(CLAIMS_CHATBOT, ARN_2));
    assert.equal(await second, ARN_2);
    before.resolve(records(CLAIMS_CHATBOT, ARN_1));
    assert.equal(await first, ARN_1);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_2);
    assert.equal(source.calls.length, 2);
  });

  it("rejects an invalid selector", () => {
    const { resolver } = setup();
    assert.throws(() => resolver.invalidate({} as never), InvalidSelectorError);
  });
});
