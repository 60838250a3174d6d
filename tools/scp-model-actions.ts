/**
 * Writes src/data/bedrock-model-actions.json, the actions the org stack's SCPs deny: the pack's
 * derivation over the generated spending surface (policies/lib/scp-actions.ts), copied so the
 * program reads its own data. `npm run generate:scp-actions`; a unit test fails when they disagree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type ScpModelActions, scpActionsOf } from "../policies/lib/scp-actions";
import { parseCli } from "./cli-flags";
import { runCli } from "./cli-exit";

export const modelActionsFile = path.resolve(__dirname, "..", "src", "data", "bedrock-model-actions.json");

export const deriveModelActions = (): ScpModelActions => scpActionsOf();

const usage = `Usage: npm run generate:scp-actions

Writes src/data/bedrock-model-actions.json, the actions the org stack's SCPs deny, from the pack's
derivation over the generated spending surface.

Exit codes: 0 written, 2 a bad flag.
`;

async function main(): Promise<number> {
  // Parsed first: --help and a bad flag write nothing.
  const flags = parseCli("generate:scp-actions", usage, {});
  if (typeof flags === "number") return flags;
  const derived = deriveModelActions();
  fs.writeFileSync(modelActionsFile, `${JSON.stringify(derived, null, 2)}\n`);
  process.stdout.write(`${modelActionsFile}: ${Object.values(derived).flat().length - 1} entries\n`);
  return 0;
}

if (require.main === module) runCli("generate:scp-actions", main, 2);
