import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadTenants } from "../../src/tenant-loader";
import { placeholderProblems } from "../../src/tenant-placeholders";

describe("placeholders a tenant owner must replace", () => {
  it("refuses the scaffold's TODO values and keys and documentation addresses, naming each field", () => {
    const problems = placeholderProblems("tenants/claims.ts", {
      tags: { dept: "TODO", team: "claims", TODO: "x" },
      notify: {
        emails: ["ok@insurer.test", "claims-owners@example.com", "a@mail.example.org", "b@corp.example"],
      },
      profiles: [{ name: "main", description: "TODO: say what it does" }],
    });
    assert.deepEqual(
      problems.map((problem) => problem.path),
      [
        "tags.dept",
        "tags.TODO",
        "notify.emails[1]",
        "notify.emails[2]",
        "notify.emails[3]",
        "profiles[0].description",
      ],
    );
    assert.match(problems[0].message, /"TODO" is the scaffold's placeholder: write the real value/);
    assert.match(problems[2].message, /reserved for documentation \(RFC 2606\)/);
  });

  it("accepts words that only contain the letters and addresses at look-alike domains", () => {
    assert.deepEqual(
      placeholderProblems("t.ts", {
        app: "todolist",
        notify: { emails: ["a@example.company.com", "b@myexample.com"] },
      }),
      [],
    );
  });

  it("keeps a tenant with a placeholder out of the stack, as an input error of its file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcg-placeholders-"));
    try {
      fs.writeFileSync(
        path.join(dir, "claims.ts"),
        `export default { name: "claims", tags: { dept: "TODO", team: "t", app: "a", "cost-center": "CC-1" },` +
          ` notify: { emails: ["claims-owners@example.com"] }, profiles: [{ name: "main", model: "amazon.nova-lite-v1:0" }],` +
          ` budget: { monthlyUsd: 100 } };\n`,
      );
      const loaded = loadTenants(dir);
      assert.equal(loaded.tenants.length, 0);
      assert.deepEqual(
        loaded.errors.map((error) => error.path),
        ["tags.dept", "notify.emails[0]"],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
