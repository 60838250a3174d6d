import assert from "node:assert/strict";
import {
  AmbiguousProfileError,
  ProfileLookupError,
  ProfileNotFoundError,
  type ProfileResolverOptions,
} from "..";
import { CLAIMS_CHATBOT, records } from "./fakes";
import { ARN_1, ARN_2, BACKOFF, STALE_IF_ERROR, TTL, setup, throttled } from "./resolver-setup";

// How the resolver fails closed when its source fails: a last good ARN for a while, never an answer
// the source has since contradicted, and failures remembered for errorBackoffMs.

describe("ProfileResolver: stale if error", () => {
  async function primedThenFailing(options: Partial<ProfileResolverOptions> = {}) {
    const fixture = setup(options);
    await fixture.resolver.resolve(CLAIMS_CHATBOT);
    fixture.source.always(throttled());
    return fixture;
  }

  it("serves the last good ARN when the refresh of an expired entry fails", async () => {
    const { resolver, source, clock } = await primedThenFailing();
    clock.advance(TTL);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.equal(source.calls.length, 2);
    assert.equal(resolver.stats().staleServes, 1);
  });

  it("serves it until staleIfErrorMs after expiry, then rejects with the source's error", async () => {
    const { resolver, clock } = await primedThenFailing();
    clock.advance(TTL + STALE_IF_ERROR - 1);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    clock.advance(BACKOFF);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), (error: unknown) => {
      assert.ok(error instanceof ProfileLookupError);
      assert.equal((error.cause as Error).name, "ThrottlingException");
      return true;
    });
  });

  it("keeps refreshing while serving stale, one lookup per error backoff", async () => {
    const { resolver, source, clock } = await primedThenFailing();
    clock.advance(TTL);
    for (let i = 0; i < 5; i++) await resolver.resolve(CLAIMS_CHATBOT);
    assert.equal(source.calls.length, 2, "within the backoff no new lookup");
    clock.advance(BACKOFF);
    await resolver.resolve(CLAIMS_CHATBOT);
    assert.equal(source.calls.length, 3);
    assert.equal(resolver.stats().staleServes, 6);
  });

  it("replaces the stale ARN as soon as a refresh succeeds again", async () => {
    const { resolver, source, clock } = await primedThenFailing();
    clock.advance(TTL);
    await resolver.resolve(CLAIMS_CHATBOT);
    source.always(records(CLAIMS_CHATBOT, ARN_2));
    clock.advance(BACKOFF);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_2);
    clock.advance(TTL - 1);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_2);
    assert.equal(source.calls.length, 3);
  });

  it("does not serve stale when the source answers that no profile matches any more", async () => {
    const { resolver, source, clock } = await primedThenFailing();
    source.queue([]);
    clock.advance(TTL);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileNotFoundError);
    clock.advance(BACKOFF);
    await assert.rejects(
      resolver.resolve(CLAIMS_CHATBOT),
      ProfileLookupError,
      "a later outage must not resurrect the old ARN",
    );
    assert.equal(resolver.stats().staleServes, 0);
  });

  it("does not serve stale when the source answers with several matching profiles", async () => {
    const { resolver, source, clock } = await primedThenFailing();
    source.queue(records(CLAIMS_CHATBOT, ARN_1, ARN_2));
    clock.advance(TTL);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), AmbiguousProfileError);
    assert.equal(resolver.stats().staleServes, 0);
  });

  it("serves nothing stale with staleIfErrorMs 0", async () => {
    const { resolver, clock } = await primedThenFailing({ staleIfErrorMs: 0 });
    clock.advance(TTL);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileLookupError);
  });
});

describe("ProfileResolver: error backoff", () => {
  it("replays a cold entry's failure within errorBackoffMs without calling the source", async () => {
    const { resolver, source, clock } = setup();
    source.always(throttled());
    const first = await resolver.resolve(CLAIMS_CHATBOT).catch((error: unknown) => error);
    clock.advance(BACKOFF - 1);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), (error) => error === first);
    assert.equal(source.calls.length, 1);
  });

  it("asks the source again once errorBackoffMs has passed", async () => {
    const { resolver, source, clock } = setup();
    source.queue(throttled());
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileLookupError);
    clock.advance(BACKOFF);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
    assert.equal(source.calls.length, 2);
  });

  it("keeps a not-found answer only for errorBackoffMs, so a new profile is picked up quickly", async () => {
    const { resolver, source, clock } = setup();
    source.queue([]);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileNotFoundError);
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileNotFoundError);
    assert.equal(source.calls.length, 1);
    clock.advance(BACKOFF);
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), ARN_1);
  });

  it("makes exactly one lookup per resolve after the backoff: retries belong to the SDK client", async () => {
    const { resolver, source, clock } = setup({ errorBackoffMs: 0 });
    source.always(throttled());
    for (let i = 0; i < 3; i++) {
      await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), ProfileLookupError);
      clock.advance(1);
    }
    assert.equal(source.calls.length, 3);
  });
});
