import assert from "node:assert/strict";
import { ProfileResolver, type ProfileResolverOptions } from "..";
import { CLAIMS_CHATBOT, ScriptedSource, records } from "./fakes";
import { ARN_1, STALE_IF_ERROR, TTL, setup, throttled } from "./resolver-setup";

// The resolver's constructor options and its stats() counters.

describe("ProfileResolver: stats", () => {
  it("counts hits, misses, lookups, stale serves and errors", async () => {
    const { resolver, source, clock } = setup();
    assert.deepEqual(resolver.stats(), {
      hits: 0,
      misses: 0,
      lookups: 0,
      staleServes: 0,
      errors: 0,
      entries: 0,
    });
    await Promise.all([resolver.resolve(CLAIMS_CHATBOT), resolver.resolve(CLAIMS_CHATBOT)]); // 2 misses, 1 lookup
    await resolver.resolve(CLAIMS_CHATBOT); // hit
    source.always(throttled());
    clock.advance(TTL);
    await resolver.resolve(CLAIMS_CHATBOT); // miss, lookup, stale
    clock.advance(STALE_IF_ERROR);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT)); // miss, lookup, error
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT)); // miss, replayed error
    await assert.rejects(resolver.resolve({} as never)); // invalid selector: not counted
    assert.deepEqual(resolver.stats(), {
      hits: 1,
      misses: 5,
      lookups: 3,
      staleServes: 1,
      errors: 2,
      entries: 1,
    });
  });

  it("returns a snapshot the caller cannot use to change the counters", async () => {
    const { resolver } = setup();
    resolver.stats().hits = 99;
    assert.equal(resolver.stats().hits, 0);
  });
});

describe("ProfileResolver: options", () => {
  const source = new ScriptedSource();
  const bad: Array<[string, unknown]> = [
    ["no source", { source: undefined }],
    ["a source without lookup", { source: {} }],
    ["a negative ttlMs", { source, ttlMs: -1 }],
    ["a NaN staleIfErrorMs", { source, staleIfErrorMs: Number.NaN }],
    ["an infinite errorBackoffMs", { source, errorBackoffMs: Number.POSITIVE_INFINITY }],
    ["a clock that is not a function", { source, now: 5 }],
    ["an empty baseSelector", { source, baseSelector: {} }],
  ];
  for (const [what, options] of bad) {
    it(`refuses ${what} with a TypeError`, () => {
      assert.throws(() => new ProfileResolver(options as ProfileResolverOptions), TypeError);
    });
  }

  it("uses the 5 minute / 1 hour / 1 second defaults and the wall clock when not told otherwise", async () => {
    const resolver = new ProfileResolver({
      source: new ScriptedSource().always(records(CLAIMS_CHATBOT, ARN_1)),
    });
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.equal(resolver.stats().hits, 1);
  });
});
