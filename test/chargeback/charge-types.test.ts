import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  cur2AdjustmentLineItemTypes,
  cur2UsageLineItemTypes,
  focusChargeCategories,
  focusCorrectionChargeClass,
  isUnclassifiedChargeType,
} from "../../tools/chargeback/charge-types";
import { projectDir } from "./stack";

describe("chargeback line item types", () => {
  it("classifies each type once, and docs/chargeback.md lists every one", () => {
    const cur2 = [...cur2UsageLineItemTypes, ...cur2AdjustmentLineItemTypes];
    assert.equal(new Set(cur2).size, cur2.length, "a CUR line item type is both usage and adjustment");
    const guide = fs.readFileSync(path.join(projectDir, "docs", "chargeback.md"), "utf8");
    const section = guide.slice(guide.indexOf("## Usage and adjustments"), guide.indexOf("## Cost basis"));
    for (const type of [...cur2, ...focusChargeCategories, focusCorrectionChargeClass]) {
      assert.ok(
        section.includes(`\`${type}\``),
        `${type} is missing from docs/chargeback.md#usage-and-adjustments`,
      );
      assert.equal(isUnclassifiedChargeType(type), false, type);
    }
    assert.equal(isUnclassifiedChargeType("SomethingNew"), true);
  });
});
