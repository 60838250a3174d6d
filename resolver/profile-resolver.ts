import { isApplicationInferenceProfileArn } from "./arn";
import {
  AmbiguousProfileError,
  InvalidSelectorError,
  ProfileLookupError,
  ProfileNotFoundError,
} from "./errors";
import {
  assertValidSelector,
  canonicalKey,
  matchesSelector,
  withBaseSelector,
  type Selector,
} from "./selector";
import type { ProfileSource } from "./source";

export interface ProfileResolverOptions {
  source: ProfileSource;
  /** How long an answer is served without asking the source again. */
  ttlMs?: number;
  /** How long after expiry the last good ARN may still be served while the source fails. */
  staleIfErrorMs?: number;
  /** How long a failure is replayed before the source is asked again. */
  errorBackoffMs?: number;
  /** Tags added to every selector, e.g. `{ environment: "prod" }`; a selector may repeat them but not contradict them. */
  baseSelector?: Selector;
  now?: () => number;
}

/**
 * Counters since construction. Every resolve with a valid selector is either a
 * hit or a miss; every miss ends as a fresh answer, a stale serve or an error.
 */
export interface ProfileResolverStats {
  /** Answered from a fresh cache entry. */
  hits: number;
  /** Needed the source: started or joined a lookup, or replayed a recent failure. */
  misses: number;
  /** Calls to `source.lookup`. */
  lookups: number;
  /** Misses answered with the last good ARN because the source failed. */
  staleServes: number;
  /** Misses that rejected. */
  errors: number;
  /** Selectors currently cached. */
  entries: number;
}

export const DEFAULT_TTL_MS = 300_000;
export const DEFAULT_STALE_IF_ERROR_MS = 3_600_000;
export const DEFAULT_ERROR_BACKOFF_MS = 1_000;

interface Outcome {
  arn: string;
  stale: boolean;
}

interface Entry {
  answer?: { arn: string; fetchedAt: number };
  failure?: { error: Error; at: number };
  refresh?: Promise<Outcome>;
}

/**
 * Resolves a tenant's application inference profile ARN from its tags, so
 * Bedrock calls carry the tenant's cost allocation tags. It fails closed: it
 * returns exactly one application inference profile ARN or rejects, and never
 * hands back a model id to call instead.
 */
export class ProfileResolver {
  readonly #source: ProfileSource;
  readonly #ttlMs: number;
  readonly #staleIfErrorMs: number;
  readonly #errorBackoffMs: number;
  readonly #baseSelector: Selector | undefined;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #counters = { hits: 0, misses: 0, lookups: 0, staleServes: 0, errors: 0 };

  constructor(options: ProfileResolverOptions) {
    if (typeof options?.source?.lookup !== "function") {
      throw new TypeError("ProfileResolver needs a source with a lookup(selector) method");
    }
    if (options.now !== undefined && typeof options.now !== "function") {
      throw new TypeError("now must be a function returning epoch milliseconds");
    }
    if (options.baseSelector !== undefined) assertValidSelector(options.baseSelector);
    this.#source = options.source;
    this.#ttlMs = duration("ttlMs", options.ttlMs, DEFAULT_TTL_MS);
    this.#staleIfErrorMs = duration("staleIfErrorMs", options.staleIfErrorMs, DEFAULT_STALE_IF_ERROR_MS);
    this.#errorBackoffMs = duration("errorBackoffMs", options.errorBackoffMs, DEFAULT_ERROR_BACKOFF_MS);
    this.#baseSelector = options.baseSelector && Object.freeze({ ...options.baseSelector });
    this.#now = options.now ?? Date.now;
  }

  async resolve(selector: Selector): Promise<string> {
    const fullSelector = withBaseSelector(this.#baseSelector, selector);
    const key = canonicalKey(fullSelector);
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry?.answer !== undefined && now - entry.answer.fetchedAt < this.#ttlMs) {
      this.#counters.hits++;
      return entry.answer.arn;
    }
    this.#counters.misses++;
    try {
      const outcome = await this.#outcome(key, entry, fullSelector as Selector, now);
      if (outcome.stale) this.#counters.staleServes++;
      return outcome.arn;
    } catch (error) {
      this.#counters.errors++;
      throw error;
    }
  }

  /** Forgets one selector's entry, or all of them; the next resolve asks the source. */
  invalidate(selector?: Selector): void {
    if (selector === undefined) {
      this.#entries.clear();
    } else {
      this.#entries.delete(canonicalKey(withBaseSelector(this.#baseSelector, selector)));
    }
  }

  stats(): ProfileResolverStats {
    return { ...this.#counters, entries: this.#entries.size };
  }

  #outcome(
    key: string,
    existing: Entry | undefined,
    selector: Selector,
    now: number,
  ): Outcome | Promise<Outcome> {
    const entry = existing ?? this.#addEntry(key);
    if (entry.refresh !== undefined) return entry.refresh;
    if (entry.failure !== undefined && now - entry.failure.at < this.#errorBackoffMs) {
      return this.#staleOrThrow(entry, entry.failure.error, now);
    }
    entry.refresh = this.#refresh(entry, Object.freeze({ ...selector })).finally(() => {
      entry.refresh = undefined;
    });
    return entry.refresh;
  }

  #addEntry(key: string): Entry {
    const entry: Entry = {};
    this.#entries.set(key, entry);
    return entry;
  }

  // Writes into the entry object it was started for, so an invalidate() during
  // the lookup orphans the result instead of resurrecting the entry.
  async #refresh(entry: Entry, selector: Selector): Promise<Outcome> {
    this.#counters.lookups++;
    let records: unknown;
    try {
      records = await this.#source.lookup(selector);
      if (!Array.isArray(records))
        throw new TypeError("source.lookup must resolve to an array of { arn, tags } records");
    } catch (cause) {
      // A source refusing the selector is the caller's mistake, not an outage: keep its type.
      const error = cause instanceof InvalidSelectorError ? cause : new ProfileLookupError(selector, cause);
      const failure = { error, at: this.#now() };
      entry.failure = failure;
      return this.#staleOrThrow(entry, failure.error, failure.at);
    }
    const at = this.#now();
    try {
      const arn = pickOne(records, selector);
      entry.answer = { arn, fetchedAt: at };
      entry.failure = undefined;
      return { arn, stale: false };
    } catch (error) {
      // The source answered "none" or "several": that is the truth now, so the
      // previous ARN is dropped rather than kept around as a stale fallback.
      entry.answer = undefined;
      entry.failure = { error: error as Error, at };
      throw error;
    }
  }

  #staleOrThrow(entry: Entry, error: Error, now: number): Outcome {
    const answer = entry.answer;
    if (answer !== undefined && now - answer.fetchedAt < this.#ttlMs + this.#staleIfErrorMs) {
      return { arn: answer.arn, stale: true };
    }
    throw error;
  }
}

function pickOne(records: unknown[], selector: Selector): string {
  const arns = new Set<string>();
  const refused: string[] = [];
  for (const record of records) {
    if (typeof record !== "object" || record === null) continue;
    const { arn, tags } = record as { arn?: unknown; tags?: unknown };
    if (
      typeof tags !== "object" ||
      tags === null ||
      !matchesSelector(tags as Record<string, string>, selector)
    )
      continue;
    if (isApplicationInferenceProfileArn(arn)) arns.add(arn);
    else refused.push(typeof arn === "string" ? arn : `<${typeof arn}>`);
  }
  if (arns.size === 0) throw new ProfileNotFoundError(selector, refused);
  if (arns.size > 1) throw new AmbiguousProfileError(selector, [...arns].sort());
  return arns.values().next().value as string;
}

function duration(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`${name} must be a finite number of milliseconds >= 0, got ${value}`);
  return value;
}
