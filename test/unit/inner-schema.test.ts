import * as assert from "node:assert/strict";
import { z } from "zod";
import { innerSchema, keysAt } from "../../src/validation";

describe("innerSchema (src/validation.ts): the schema a wrapper holds", () => {
  it("looks through optional, default, nullable, prefault and a pipe's input, to the schema they wrap", () => {
    const leaf = z.string();
    const wrapped = leaf
      .transform((text) => text.trim())
      .nullable()
      .prefault("x")
      .optional()
      .default("y");
    assert.equal(innerSchema(wrapped), leaf);
    assert.equal(innerSchema(leaf), leaf);
  });

  it("is what keysAt reads an object's keys through", () => {
    const schema = z.object({ budget: z.object({ monthlyUsd: z.number() }).nullable().optional() });
    assert.deepEqual(keysAt(schema, ["budget"]), ["monthlyUsd"]);
  });
});
