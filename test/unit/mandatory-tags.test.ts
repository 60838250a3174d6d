import { strict as assert } from "node:assert";
import { defaultMandatoryTags } from "../../src/config";
import { mandatoryTagsSetting } from "../../policies/lib/config";

/*
 * The pack stands alone (it judges any program, and is published on its own), so it keeps its own
 * default; this test is what makes the program's and the pack's default one set of tags.
 */
describe("the mandatory tags default", () => {
  it("is the same list in the program's stack config and in the pack's mandatoryTags setting", () => {
    assert.deepEqual(mandatoryTagsSetting.schema.default, [...defaultMandatoryTags]);
  });
});
