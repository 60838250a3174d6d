import * as assert from "node:assert/strict";
import { forgottenDoubleDash } from "../../../tools/check/input/command-line";

describe("a forgotten `--` before a script's flags", () => {
  it("names the flags npm took for new-tenant and the command that was meant", () => {
    // `npm run new-tenant fraud --budget 500`: npm keeps `--budget` as npm_config_budget=true and
    // passes `fraud 500` on (seen with npm 11.19).
    const env = { npm_lifecycle_event: "new-tenant", npm_config_budget: "true" };
    assert.equal(
      forgottenDoubleDash(env, ["fraud", "500"], ["model", "budget", "no-check"], "new-tenant", 1),
      'npm took --budget for itself (no "--" before the new-tenant script\'s flags): write `npm run new-tenant -- fraud --budget 500`',
    );
  });

  it("says nothing when the flags reached the script, or under another script", () => {
    assert.equal(
      forgottenDoubleDash(
        { npm_lifecycle_event: "new-tenant" },
        ["fraud", "--budget", "500"],
        ["budget"],
        "new-tenant",
      ),
      undefined,
    );
    assert.equal(
      forgottenDoubleDash(
        { npm_lifecycle_event: "check", npm_config_budget: "500" },
        [],
        ["budget"],
        "new-tenant",
      ),
      undefined,
    );
  });
});
