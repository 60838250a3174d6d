import assert from "node:assert/strict";
import fc from "fast-check";
import { InvalidSelectorError, assertValidSelector, canonicalKey, formatSelector, matchesSelector } from "..";

const selectorArb = fc.dictionary(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), { minKeys: 1 });

const sameEntries = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.keys(a).every((k) => Object.hasOwn(b, k) && a[k] === b[k]);

describe("resolver selector: canonical cache key", () => {
  it("is the same for the same entries in any key order", () => {
    const selectorAndPermutation = selectorArb.chain((selector) => {
      const entries = Object.entries(selector);
      return fc.tuple(fc.constant(selector), fc.shuffledSubarray(entries, { minLength: entries.length }));
    });
    fc.assert(
      fc.property(selectorAndPermutation, ([selector, permuted]) => {
        assert.equal(canonicalKey(Object.fromEntries(permuted)), canonicalKey(selector));
      }),
    );
  });

  it("differs whenever the entries differ, even when values contain separators", () => {
    fc.assert(
      fc.property(selectorArb, selectorArb, (a, b) => {
        assert.equal(canonicalKey(a) === canonicalKey(b), sameEntries(a, b));
      }),
    );
    assert.notEqual(canonicalKey({ a: 'b","c":"d' }), canonicalKey({ a: "b", c: "d" }));
  });
});

describe("resolver selector: validation", () => {
  const invalid: Array<[string, unknown]> = [
    ["undefined", undefined],
    ["null", null],
    ["a string", "claims"],
    ["an array", [["tenant", "claims"]]],
    ["an empty record", {}],
    ["an empty value", { tenant: "claims", profile: "" }],
    ["a number value", { tenant: "claims", profile: 7 }],
    ["an undefined value", { tenant: "claims", profile: undefined }],
    ["an empty key", { "": "claims" }],
  ];
  for (const [what, selector] of invalid) {
    it(`rejects ${what} with an InvalidSelectorError that is a TypeError`, () => {
      assert.throws(
        () => canonicalKey(selector),
        (error: unknown) =>
          error instanceof InvalidSelectorError && error instanceof TypeError && error.selector === selector,
      );
    });
  }

  it("names the offending tag in the message", () => {
    assert.throws(() => assertValidSelector({ tenant: "claims", profile: "" }), {
      name: "InvalidSelectorError",
      message:
        'invalid selector {profile=, tenant=claims}: the value of tag "profile" must be a non-empty string',
    });
  });
});

describe("resolver selector: matching and formatting", () => {
  it("matches tags that contain every selector entry, extra tags allowed", () => {
    assert.equal(
      matchesSelector(
        { tenant: "claims", profile: "chatbot", dept: "ops" },
        { tenant: "claims", profile: "chatbot" },
      ),
      true,
    );
    assert.equal(matchesSelector({ tenant: "claims" }, { tenant: "claims", profile: "chatbot" }), false);
    assert.equal(
      matchesSelector({ tenant: "claims", profile: "batch" }, { tenant: "claims", profile: "chatbot" }),
      false,
    );
  });

  it("formats selectors with sorted keys and never throws on odd input", () => {
    assert.equal(
      formatSelector({ tenant: "claims", profile: "chatbot" }),
      "{profile=chatbot, tenant=claims}",
    );
    assert.equal(formatSelector({ tenant: Object.create(null) }), "{tenant=[unprintable]}");
    assert.equal(formatSelector(undefined), "undefined");
  });
});
