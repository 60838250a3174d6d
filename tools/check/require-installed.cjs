"use strict";
/*
 * Loaded by `npm run check` before tsx: without node_modules (`npm ci` not run yet), Node itself
 * would fail to find tsx/cjs and exit 1, the code the check keeps for policy violations. This file
 * needs nothing installed, and turns that into the check's invalid-input exit (2) and the fix.
 */
const path = require("node:path");

const projectDir = path.resolve(__dirname, "..", "..");
for (const dependency of ["tsx/cjs", "@pulumi/pulumi", "typescript", "yaml", "zod"]) {
  try {
    require.resolve(dependency, { paths: [projectDir] });
  } catch {
    process.stderr.write(`check: ${dependency} is not installed: run \`npm ci\` in ${projectDir} first\n`);
    process.exit(2);
  }
}
