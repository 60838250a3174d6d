import type { ProfileRecord, ProfileSource } from "..";

export const profileArn = (id: string, account = "123456789012"): string =>
  `arn:aws:bedrock:us-east-1:${account}:application-inference-profile/${id}`;

export const CLAIMS_CHATBOT = { tenant: "claims", profile: "chatbot" } as const;

/** A clock the test moves by hand, so TTL rules are checked without sleeping. */
export class FakeClock {
  time = 1_700_000_000_000;
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Answer = ProfileRecord[] | Error | Deferred<ProfileRecord[]>;

/**
 * A source scripted per call: each lookup takes the next queued answer, or the
 * standing one once the queue is empty. Errors reject; deferreds stay pending
 * until the test settles them, which is how concurrency is staged.
 */
export class ScriptedSource implements ProfileSource {
  readonly calls: Record<string, string>[] = [];
  #queue: Answer[] = [];
  #standing: Answer = [];

  always(answer: Answer): this {
    this.#standing = answer;
    return this;
  }

  queue(...answers: Answer[]): this {
    this.#queue.push(...answers);
    return this;
  }

  async lookup(selector: Record<string, string>): Promise<ProfileRecord[]> {
    this.calls.push(selector);
    const answer = this.#queue.shift() ?? this.#standing;
    if (answer instanceof Error) throw answer;
    return Array.isArray(answer) ? answer : answer.promise;
  }
}

/** One record per ARN, tagged with `tags`. */
export const records = (tags: Record<string, string>, ...arns: string[]): ProfileRecord[] =>
  arns.map((arn) => ({ arn, tags: { ...tags } }));

/** Lets every queued promise continuation run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
