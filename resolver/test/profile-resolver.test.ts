import assert from "node:assert/strict";
import {
  AmbiguousProfileError,
  InvalidSelectorError,
  ProfileLookupError,
  ProfileNotFoundError,
  ProfileResolver,
  ProfileResolverError,
  type ProfileResolverOptions,
  type ProfileSource,
} from "..";
import { CLAIMS_CHATBOT, FakeClock, ScriptedSource, deferred, flush, profileArn, records } from "./fakes";

const TTL = 300_000;
const STALE_IF_ERROR = 3_600_000;
const BACKOFF = 1_000;
const ARN_1 = profileArn("chatbot0000001");
const ARN_2 = profileArn("chatbot0000002");
const throttled = (): Error => Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });

function setup(options: Partial<ProfileResolverOptions> = {}) {
  const clock = new FakeClock();
  const source = new ScriptedSource().always(records(CLAIMS_CHATBOT, ARN_1));
  const resolver = new ProfileResolver({
    source,
    ttlMs: TTL,
    staleIfErrorMs: STALE_IF_ERROR,
    errorBackoffMs: BACKOFF,
    now: clock.now,
    ...options,
  });
  return { clock, source, resolver };
}

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
    const { resolver, source } = setup();
    const pending = deferred<ReturnType<typeof records>>();
    source.queue(pending);
    const answers = Array.from({ length: 100 }, () => resolver.resolve(CLAIMS_CHATBOT));
    await flush();
    pending.resolve(records(CLAIMS_CHATBOT, ARN_1));
    assert.deepEqual(new Set(await Promise.all(answers)), new Set([ARN_1]));
    assert.equal(source.calls.length, 1);
  });

  it("makes concurrent resolves of an expired entry share one refresh", async () => {
    const { resolver, source, clock } = setup();
    await resolver.resolve(CLAIMS_CHATBOT);
    clock.advance(TTL);
    const pending = deferred<ReturnType<typeof records>>();
    source.queue(pending);
    const answers = Array.from({ length: 100 }, () => resolver.resolve(CLAIMS_CHATBOT));
    await flush();
    pending.resolve(records(CLAIMS_CHATBOT, ARN_2));
    assert.deepEqual(new Set(await Promise.all(answers)), new Set([ARN_2]));
    assert.equal(source.calls.length, 2);
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
