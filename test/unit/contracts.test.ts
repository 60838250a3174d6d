import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { contractCopies, contractsCopyText } from "../../tools/gen-contracts";

describe("the shared contracts (src/contracts.ts)", () => {
  for (const copy of contractCopies) {
    it(`has an up-to-date copy in ${path.relative(path.resolve(__dirname, "../.."), copy)}`, () => {
      assert.equal(fs.readFileSync(copy, "utf8"), contractsCopyText(), "stale: run `npm run gen:contracts`");
    });
  }
});
