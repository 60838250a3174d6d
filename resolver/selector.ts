import { InvalidSelectorError } from "./errors";

/** Tag key/value pairs that must all be present on exactly one profile. */
export type Selector = Readonly<Record<string, string>>;

/**
 * Throws InvalidSelectorError unless `selector` is a non-empty plain record of
 * non-empty strings. Callers pass selectors built from config and env vars, so
 * an empty value must surface here instead of becoming a tag filter that
 * matches every profile of a key (or none).
 */
export function assertValidSelector(selector: unknown): asserts selector is Selector {
  validKeys(selector);
}

/**
 * Validates and returns a cache key that is equal for selectors with the same
 * entries in any key order. Length prefixes keep keys and values that contain
 * separators from colliding, at a fraction of the cost of JSON quoting: this
 * runs on every resolve.
 */
export function canonicalKey(selector: unknown): string {
  const keys = validKeys(selector);
  sortInPlace(keys);
  let key = "";
  for (const k of keys) {
    const value = (selector as Selector)[k];
    key += `${k.length}:${k}${value.length}:${value}`;
  }
  return key;
}

function validKeys(selector: unknown): string[] {
  if (typeof selector !== "object" || selector === null || Array.isArray(selector)) {
    throw new InvalidSelectorError(selector, "a selector must be a record of tag keys to tag values");
  }
  const keys = Object.keys(selector);
  if (keys.length === 0) {
    throw new InvalidSelectorError(selector, "a selector needs at least one tag");
  }
  for (const key of keys) {
    const value = (selector as Record<string, unknown>)[key];
    if (key === "") {
      throw new InvalidSelectorError(selector, "tag keys must be non-empty strings");
    }
    if (typeof value !== "string" || value === "") {
      throw new InvalidSelectorError(selector, `the value of tag "${key}" must be a non-empty string`);
    }
  }
  return keys;
}

// Selectors have a handful of keys; an insertion sort with `<` is cheaper
// than Array#sort's generic string comparison at that size.
function sortInPlace(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const current = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > current) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = current;
  }
}

export function matchesSelector(tags: Readonly<Record<string, string>>, selector: Selector): boolean {
  for (const key in selector) {
    if (tags[key] !== selector[key]) return false;
  }
  return true;
}

/**
 * Adds the resolver-wide pinned tags to a call's selector. A call that
 * contradicts a pinned tag is rejected rather than overriding it: a prod
 * service asking for `environment=dev` is a bug, not a request.
 */
export function withBaseSelector(base: Selector | undefined, selector: unknown): unknown {
  if (base === undefined) return selector;
  assertValidSelector(selector);
  for (const key in base) {
    if (key in selector && selector[key] !== base[key]) {
      throw new InvalidSelectorError(
        selector,
        `tag "${key}" is pinned to "${base[key]}" by baseSelector but the selector asks for "${selector[key]}"`,
      );
    }
  }
  return { ...base, ...selector };
}
