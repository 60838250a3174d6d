/**
 * Writes the pack's and the resolver's copies of src/contracts.ts (see there why they are copies).
 * `npm run gen:contracts`; test/unit/contracts.test.ts fails when a copy differs from what this writes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCli } from "./cli-flags";

const repoRoot = path.resolve(__dirname, "..");
export const contractsSource = path.join(repoRoot, "src/contracts.ts");
/** The copies, each inside the package that ships it. */
export const contractCopies = ["policies/lib/contracts.ts", "resolver/contracts.ts"].map((file) =>
  path.join(repoRoot, file),
);

/** A copy's text: a do-not-edit line, then the source as it is. */
export function contractsCopyText(): string {
  return `// Generated from src/contracts.ts by \`npm run gen:contracts\`: DO NOT EDIT; edit that file.\n${fs.readFileSync(contractsSource, "utf8")}`;
}

const usage = `Usage: npm run gen:contracts

Writes the pack's and the resolver's copies of src/contracts.ts (policies/lib/contracts.ts,
resolver/contracts.ts).

Exit codes: 0 written, 2 a bad flag.
`;

if (require.main === module) {
  // Parsed first: --help and a bad flag write nothing (tools/cli-flags.ts).
  const flags = parseCli("gen:contracts", usage, {});
  if (typeof flags === "number") process.exitCode = flags;
  else
    for (const file of contractCopies) {
      fs.writeFileSync(file, contractsCopyText());
      console.log(`wrote ${path.relative(repoRoot, file)}`);
    }
}
