/**
 * Benchmark for resolver/: `npm run bench:resolver` (tsx bench/resolver.bench.ts).
 * Prints three figures with their targets and exits 1 when one is missed.
 */
import { ProfileResolver, canonicalKey, type ProfileRecord, type ProfileSource } from "../resolver";
import { median } from "./median";
import { parseCli } from "../tools/cli-flags";

const ROUNDS = 9;
const CACHED_OPS_PER_ROUND = 200_000;
const MAX_CACHED_RATIO = 5;
const CONCURRENT_COLD_RESOLVES = 1_000;
const SIMULATED_SECONDS = 3_600;
const RESOLVES_PER_SECOND = 1_000;
const TTL_MS = 300_000;
const MAX_LOOKUPS_PER_SELECTOR = 1 + Math.floor((SIMULATED_SECONDS * 1_000) / TTL_MS); // the first plus one per TTL

const arnFor = (tenant: string, profile: string) =>
  `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/${`${tenant}${profile}`.replace(/[^A-Za-z0-9]/g, "")}`;

/**
 * Answers after a macrotask, like a network call would, so concurrent
 * resolves really overlap with the lookup; counts calls per selector.
 */
class CountingSource implements ProfileSource {
  readonly lookups = new Map<string, number>();

  async lookup(selector: Record<string, string>): Promise<ProfileRecord[]> {
    const key = canonicalKey(selector);
    this.lookups.set(key, (this.lookups.get(key) ?? 0) + 1);
    await new Promise((resolve) => setImmediate(resolve));
    return [{ arn: arnFor(selector.tenant, selector.profile), tags: { ...selector } }];
  }

  get total(): number {
    return [...this.lookups.values()].reduce((sum, n) => sum + n, 0);
  }
}

async function nsPerOp(body: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CACHED_OPS_PER_ROUND; i++) await body();
  return Number(process.hrtime.bigint() - start) / CACHED_OPS_PER_ROUND;
}

/** Figure 1: what the cache costs over the cheapest possible cache with the same key. */
async function cachedResolveCost(): Promise<{ mapNs: number; resolveNs: number; ratio: number }> {
  const resolver = new ProfileResolver({ source: new CountingSource(), ttlMs: 3_600_000 });
  const map = new Map<string, string>([
    [canonicalKey({ tenant: "claims", profile: "chatbot" }), arnFor("claims", "chatbot")],
  ]);
  await resolver.resolve({ tenant: "claims", profile: "chatbot" });

  // Both bodies build the selector literal and its canonical key, as an application would on every call.
  const viaMap = () => Promise.resolve(map.get(canonicalKey({ tenant: "claims", profile: "chatbot" })));
  const viaResolver = () => resolver.resolve({ tenant: "claims", profile: "chatbot" });

  await nsPerOp(viaMap); // warm-up, discarded
  await nsPerOp(viaResolver);
  const mapRuns: number[] = [];
  const resolverRuns: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so neither side always runs on a warmer heap.
    if (round % 2 === 0) {
      mapRuns.push(await nsPerOp(viaMap));
      resolverRuns.push(await nsPerOp(viaResolver));
    } else {
      resolverRuns.push(await nsPerOp(viaResolver));
      mapRuns.push(await nsPerOp(viaMap));
    }
  }
  if (resolver.stats().lookups !== 1) throw new Error("the cached figure measured lookups, not cache hits");
  const mapNs = median(mapRuns);
  const resolveNs = median(resolverRuns);
  return { mapNs, resolveNs, ratio: resolveNs / mapNs };
}

/** Figure 2: single flight under a thundering herd. */
async function lookupsForConcurrentColdResolves(): Promise<number> {
  const perRound: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const source = new CountingSource();
    const resolver = new ProfileResolver({ source });
    await Promise.all(
      Array.from({ length: CONCURRENT_COLD_RESOLVES }, () =>
        resolver.resolve({ tenant: "claims", profile: "chatbot" }),
      ),
    );
    perRound.push(source.total);
  }
  return Math.max(...perRound);
}

/**
 * Figure 3: an hour of traffic on a simulated clock. Each simulated second's
 * resolves are issued before any lookup can answer, so a refresh is in flight
 * while the rest of that second's callers arrive.
 */
async function lookupsPerSelectorOverAnHour(): Promise<{ max: number; selectors: number; resolves: number }> {
  const selectors = ["chatbot", "batch", "summarizer", "classifier"].map((profile) => ({
    tenant: "claims",
    profile,
  }));
  let now = 0;
  const source = new CountingSource();
  const resolver = new ProfileResolver({ source, ttlMs: TTL_MS, now: () => now });
  for (let second = 0; second < SIMULATED_SECONDS; second++) {
    const pending: Promise<string>[] = [];
    for (let i = 0; i < RESOLVES_PER_SECOND; i++) {
      now = second * 1_000 + i;
      pending.push(resolver.resolve(selectors[i % selectors.length]));
    }
    await Promise.all(pending);
  }
  const { hits, misses } = resolver.stats();
  return {
    max: Math.max(...source.lookups.values()),
    selectors: source.lookups.size,
    resolves: hits + misses,
  };
}

async function main(): Promise<void> {
  const verdict = (pass: boolean) => (pass ? "PASS" : "FAIL");
  const results: boolean[] = [];
  console.log(`resolver benchmark: node ${process.version}, ${ROUNDS} rounds`);

  const cached = await cachedResolveCost();
  results.push(cached.ratio <= MAX_CACHED_RATIO);
  console.log("1. cached resolve vs awaited Map.get(canonicalKey(selector)), medians");
  console.log(`   Map.get  ${cached.mapNs.toFixed(0).padStart(6)} ns/op`);
  console.log(`   resolve  ${cached.resolveNs.toFixed(0).padStart(6)} ns/op`);
  console.log(
    `   ratio    ${cached.ratio.toFixed(2)}x   target <= ${MAX_CACHED_RATIO}x   ${verdict(results.at(-1)!)}`,
  );

  const coldLookups = await lookupsForConcurrentColdResolves();
  results.push(coldLookups === 1);
  console.log(
    `2. lookups for ${CONCURRENT_COLD_RESOLVES} concurrent cold resolves of one selector, worst round`,
  );
  console.log(`   lookups  ${coldLookups}   target = 1   ${verdict(results.at(-1)!)}`);

  const hour = await lookupsPerSelectorOverAnHour();
  results.push(hour.max <= MAX_LOOKUPS_PER_SELECTOR);
  console.log(
    `3. lookups per selector over a simulated hour, ${RESOLVES_PER_SECOND} resolves/s across ${hour.selectors} selectors (${hour.resolves} resolves), TTL ${TTL_MS / 60_000} min`,
  );
  console.log(
    `   lookups  ${hour.max} (worst selector)   target <= ${MAX_LOOKUPS_PER_SELECTOR}   ${verdict(results.at(-1)!)}`,
  );

  if (results.includes(false)) process.exitCode = 1;
}

const usage = `Usage: npm run bench:resolver

Times the resolver: cached resolves against a bare map, cold resolves in flight at once, and AWS
lookups per selector over a simulated hour, each against its target.

Exit codes: 0 every target met, 1 a target missed or a failure, 2 a bad flag.
`;

const flags = parseCli("bench:resolver", usage, {});
if (typeof flags === "number") process.exitCode = flags;
else
  main().catch((error: unknown) => {
    process.stderr.write(`bench:resolver: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
