/**
 * Writes src/data/bedrock-model-actions.json, the actions the org stack's SCPs deny: the pack's
 * derivation over the generated spending surface (policies/lib/scp-actions.ts), copied so the
 * program reads its own data. `npm run generate:scp-actions`; a unit test fails when they disagree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type ScpModelActions, scpActionsOf } from "../policies/lib/scp-actions";

export const modelActionsFile = path.resolve(__dirname, "..", "src", "data", "bedrock-model-actions.json");

export const deriveModelActions = (): ScpModelActions => scpActionsOf();

if (require.main === module) {
  const derived = deriveModelActions();
  fs.writeFileSync(modelActionsFile, `${JSON.stringify(derived, null, 2)}\n`);
  process.stdout.write(`${modelActionsFile}: ${Object.values(derived).flat().length - 1} entries\n`);
}
