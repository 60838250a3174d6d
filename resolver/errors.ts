import type { Selector } from "./selector";

/** `{profile=chatbot, tenant=claims}`: sorted so messages are stable in logs and tests. */
export function formatSelector(selector: unknown): string {
  if (typeof selector !== "object" || selector === null || Array.isArray(selector)) {
    return printable(selector);
  }
  const entries = Object.keys(selector)
    .sort()
    .map((key) => `${key}=${printable((selector as Record<string, unknown>)[key])}`);
  return `{${entries.join(", ")}}`;
}

// Messages are built from whatever a caller passed; building one must not throw.
function printable(value: unknown): string {
  try {
    return typeof value === "string" ? value : String(value);
  } catch {
    return "[unprintable]";
  }
}

/** Base of every error `resolve` rejects with after the selector was accepted. */
export class ProfileResolverError extends Error {
  readonly selector: Selector;

  constructor(selector: Selector, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProfileResolverError";
    this.selector = selector;
  }
}

export class ProfileNotFoundError extends ProfileResolverError {
  /**
   * Records that carried the selector's tags but whose value is not an
   * application inference profile ARN (typically a base model id). Listed so
   * an operator can see why a profile that "exists" was refused.
   */
  readonly rejectedValues: readonly string[];

  constructor(selector: Selector, rejectedValues: readonly string[] = []) {
    const rejected =
      rejectedValues.length === 0
        ? ""
        : `; refused ${rejectedValues.length} matching record(s) that are not application inference profile ARNs: ${rejectedValues.join(", ")}`;
    super(selector, `no application inference profile matches ${formatSelector(selector)}${rejected}`);
    this.name = "ProfileNotFoundError";
    this.rejectedValues = rejectedValues;
  }
}

export class AmbiguousProfileError extends ProfileResolverError {
  readonly arns: readonly string[];

  constructor(selector: Selector, arns: readonly string[]) {
    super(
      selector,
      `${arns.length} application inference profiles match ${formatSelector(selector)}, add tags to the selector to pick one: ${arns.join(", ")}`,
    );
    this.name = "AmbiguousProfileError";
    this.arns = arns;
  }
}

/** The source failed (throttling, network, permissions); the original error is `cause`. */
export class ProfileLookupError extends ProfileResolverError {
  constructor(selector: Selector, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      selector,
      `looking up the application inference profile for ${formatSelector(selector)} failed: ${reason}`,
      { cause },
    );
    this.name = "ProfileLookupError";
  }
}

/** A TypeError so callers that already treat bad arguments as programming errors keep doing so. */
export class InvalidSelectorError extends TypeError {
  readonly selector: unknown;

  constructor(selector: unknown, reason: string) {
    super(`invalid selector ${formatSelector(selector)}: ${reason}`);
    this.name = "InvalidSelectorError";
    this.selector = selector;
  }
}
