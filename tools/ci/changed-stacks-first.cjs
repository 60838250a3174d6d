"use strict";
// node tools/ci/changed-stacks-first.cjs REPORT_DIR STACK...
//
// Prints the stacks, one a line, those the PR changes first: a stack whose JSON report
// (REPORT_DIR/STACK.json, `npm run check -- --compare`) has a diff with a tenant or a violation that
// changes. Plain Node, no dependency: it runs in CI before anything else is needed.
const fs = require("node:fs");
const path = require("node:path");

const [directory, ...stacks] = process.argv.slice(2);
const changes = (stack) => {
  try {
    const { diff } = JSON.parse(fs.readFileSync(path.join(directory, `${stack}.json`), "utf8"));
    return Boolean(
      diff && (diff.tenants.length > 0 || diff.violations.new.length > 0 || diff.violations.gone.length > 0),
    );
  } catch {
    return false; // no report (the check did not run): its section says why, in the given order
  }
};
const changed = stacks.filter(changes);
for (const stack of [...changed, ...stacks.filter((stack) => !changed.includes(stack))])
  process.stdout.write(`${stack}\n`);
