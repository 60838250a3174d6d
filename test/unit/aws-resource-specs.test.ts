import * as assert from "node:assert/strict";
import * as standIns from "../../src/aws-resources";
import { awsResourceSpecs, resourceApiMappings } from "../../src/aws-resource-specs";

/**
 * One spec per AWS resource type the program creates (src/aws-resource-specs.ts): its stand-in
 * class and its API members come from it, so neither can name a type the other lacks. That each
 * stand-in registers what its provider class registers is proved in aws-resources.test.ts.
 */
describe("the AWS resource specs", () => {
  it("make every stand-in, and each spec has one", () => {
    const standInTypes = Object.values(standIns).map((standIn) => standIn.__pulumiType);
    const specTypes = Object.values(awsResourceSpecs).map((spec) => spec.type);
    assert.deepEqual([...standInTypes].sort(), [...specTypes].sort());
  });

  it("give the rule generator each spec's API members under its type token", () => {
    for (const spec of Object.values(awsResourceSpecs))
      assert.equal(resourceApiMappings[spec.type], spec.api, spec.type);
  });
});
