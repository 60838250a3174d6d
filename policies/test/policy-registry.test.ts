import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PackPolicy } from "../lib/define-policy";
import { loadPolicyDirectory, policiesOf } from "../lib/policy-directory";
import { definedPolicies } from "../lib/registry";
import { policies } from "../policies";

const rulesDir = path.resolve(__dirname, "../rules");

/** A stand-in for what definePolicy makes: the checks read names and identities only. */
const fake = (name: string): PackPolicy =>
  ({ name, resourceTypes: [], validateResource: () => undefined }) as unknown as PackPolicy;

/** The problems policiesOf reports, one per line, or [] when it loads. */
function problems(load: () => unknown): string[] {
  try {
    load();
    return [];
  } catch (error) {
    return String((error as Error).message)
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ""));
  }
}

describe("the policy registry (policies registered where they are defined)", () => {
  it("serves every policy that a file of rules/ defines, one per file, named after it", () => {
    const files = fs.readdirSync(rulesDir).filter((name) => !name.startsWith("."));
    assert.deepEqual(
      policies.map((policy) => `${policy.name}.ts`),
      [...files].sort(),
    );
    assert.deepEqual(
      new Set(definedPolicies()),
      new Set(policies),
      "a policy defined elsewhere is not served",
    );
  });

  it("serves the policies sorted by name, whatever order the files load in", () => {
    const [a, b, c] = [fake("a"), fake("b"), fake("c")];
    const modules = [
      { file: "rules/c.ts", exports: { c } },
      { file: "rules/a.ts", exports: { a } },
      { file: "rules/b.ts", exports: { b, again: b } },
    ];
    assert.deepEqual(
      policiesOf(modules, [c, b, a]).map((policy) => policy.name),
      ["a", "b", "c"],
    );
    const names = policies.map((policy) => policy.name);
    assert.deepEqual(names, [...names].sort());
  });

  it("refuses two policies with one name, naming both files", () => {
    const [first, second] = [fake("budget-notifications"), fake("budget-notifications")];
    const modules = [
      { file: "rules/budget-notifications.ts", exports: { first } },
      { file: "rules/budget-alerts.ts", exports: { second } },
    ];
    assert.deepEqual(
      problems(() => policiesOf(modules, [first, second])),
      [
        "rules/budget-alerts.ts: defines budget-notifications; name the file after its policy (budget-notifications.ts)",
        "budget-notifications: 2 policies have this name, in rules/budget-notifications.ts and rules/budget-alerts.ts",
      ],
    );
  });

  it("refuses a file that registers no policy, or two, and a policy no file exports", () => {
    const [a, b, hidden] = [fake("a"), fake("b"), fake("hidden")];
    const modules = [
      { file: "rules/helper.ts", exports: { threshold: 10 } },
      { file: "rules/a.ts", exports: { a, b } },
    ];
    assert.deepEqual(
      problems(() => policiesOf(modules, [a, b, hidden])),
      [
        "rules/helper.ts: defines no policy; export one made with defineResourcePolicy or defineStackPolicy",
        "rules/a.ts: defines 2 policies (a, b); one policy per file",
        "hidden: defined, but exported by no policy file",
      ],
    );
  });

  it("refuses a policy that two files export", () => {
    const shared = fake("shared");
    const modules = [
      { file: "rules/shared.ts", exports: { shared } },
      { file: "rules/shared-too.ts", exports: { shared } },
    ];
    assert.deepEqual(
      problems(() => policiesOf(modules, [shared])),
      [
        "rules/shared-too.ts: defines shared; name the file after its policy (shared.ts)",
        "shared: exported by rules/shared.ts and rules/shared-too.ts; one file per policy",
      ],
    );
  });

  it("refuses what is not a policy file in the directory, and ignores dotfiles", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-rules-"));
    try {
      fs.writeFileSync(path.join(dir, "helper.ts"), "export const threshold = 10;\n");
      fs.writeFileSync(path.join(dir, "notes.md"), "# notes\n");
      fs.writeFileSync(path.join(dir, ".DS_Store"), "");
      fs.mkdirSync(path.join(dir, "shared"));
      const found = problems(() => loadPolicyDirectory(dir));
      const label = path.basename(dir);
      // The pack's own policies, loaded by this process, come from no file of this directory.
      assert.deepEqual(
        found.filter((problem) => problem.startsWith(`${label}/`)),
        [
          `${label}/notes.md: not a policy file; ${label}/ holds one .ts file per policy (helpers go in lib/)`,
          `${label}/shared: not a policy file; ${label}/ holds one .ts file per policy (helpers go in lib/)`,
          `${label}/helper.ts: defines no policy; export one made with defineResourcePolicy or defineStackPolicy`,
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
