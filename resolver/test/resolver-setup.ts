import { ProfileResolver, type ProfileResolverOptions } from "..";
import { CLAIMS_CHATBOT, FakeClock, ScriptedSource, deferred, flush, profileArn, records } from "./fakes";

// The ProfileResolver tests' common fixture: one resolver on a fake clock over a scripted source.

export const TTL = 300_000;
export const STALE_IF_ERROR = 3_600_000;
export const BACKOFF = 1_000;
export const ARN_1 = profileArn("chatbot0000001");
export const ARN_2 = profileArn("chatbot0000002");
export const throttled = (): Error =>
  Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });

/** A resolver whose source answers ARN_1 for CLAIMS_CHATBOT until a test scripts otherwise. */
export function setup(options: Partial<ProfileResolverOptions> = {}) {
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

/**
 * Starts `count` resolves of CLAIMS_CHATBOT while the source's next lookup is pending, then has that
 * lookup answer `arn`: the distinct ARNs the callers got back.
 */
export async function resolveConcurrently(
  { resolver, source }: ReturnType<typeof setup>,
  arn: string,
  count = 100,
): Promise<Set<string>> {
  const pending = deferred<ReturnType<typeof records>>();
  source.queue(pending);
  const answers = Array.from({ length: count }, () => resolver.resolve(CLAIMS_CHATBOT));
  await flush();
  pending.resolve(records(CLAIMS_CHATBOT, arn));
  return new Set(await Promise.all(answers));
}
