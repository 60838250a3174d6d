/**
 * Writes the pack's and the resolver's copies of src/contracts.ts (see there why they are copies).
 * `npm run gen:contracts`; test/unit/contracts.test.ts fails when a copy differs from what this writes.
 */
import * as fs from "node:fs";
import * as path from "node:path";

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

if (require.main === module) {
  for (const file of contractCopies) {
    fs.writeFileSync(file, contractsCopyText());
    console.log(`wrote ${path.relative(repoRoot, file)}`);
  }
}
