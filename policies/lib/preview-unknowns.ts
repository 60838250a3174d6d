/**
 * What each policy reads that a preview may not know yet: a document built from ARNs created in the
 * same run, a tag computed from another resource. Where such a value is unknown the policy judges
 * nothing (it cannot); this table lets the pack say so instead of staying silent.
 */
import { spendingSurface } from "./spending-surface";
import { profilePropertyValues } from "./surface-properties";
import {
  budgetTypes,
  iamDocumentTypes,
  modelNamingTypes,
  profileTypes,
  types,
  workloadTypes,
} from "./resource-types";
import { isRecord, isUnknown } from "./values";

interface Judged {
  policy: string;
  types: readonly string[];
  /** Input properties it reads (a value unknown anywhere within one, two levels down, is reported). */
  properties: readonly string[];
}

const billedTaggedTypes = Object.entries(spendingSurface.billedTypes)
  .filter(([, billed]) => billed.tagged)
  .map(([token]) => token);

const judged: readonly Judged[] = [
  {
    policy: "bedrock-invoke-through-profiles",
    types: iamDocumentTypes,
    properties: [
      "policy",
      "inlinePolicy",
      "inlinePolicies",
      "policyDocument",
      "policies",
      "policyArn",
      "policyArns",
      "managedPolicyArn",
      "managedPolicyArns",
      "managedPolicies",
    ],
  },
  {
    policy: "bedrock-resources-use-profiles",
    types: modelNamingTypes,
    properties: ["variants", "definition", "definitionString"],
  },
  {
    policy: "workloads-reference-profiles",
    types: workloadTypes,
    properties: ["environment", "containerDefinitions", "value"],
  },
  { policy: "bedrock-profile-cost-tags", types: profileTypes, properties: ["tags"] },
  { policy: "bedrock-profile-model-source", types: profileTypes, properties: ["modelSource"] },
  { policy: "bedrock-provisioned-throughput-cost-tags", types: billedTaggedTypes, properties: ["tags"] },
  {
    policy: "tenant-budget-coverage",
    types: budgetTypes,
    properties: ["costFilters", "filterExpression", "budget"],
  },
  {
    policy: "scp-closes-model-paths",
    types: [types.organizationsPolicy],
    properties: ["type", "content"],
  },
  {
    policy: "scp-deploy-role-not-locked-out",
    types: [types.organizationsPolicy],
    properties: ["type", "content"],
  },
];

/** Every policy that reads a value a preview may not know. */
export const policiesReadingInputs: readonly string[] = [...new Set(judged.map((entry) => entry.policy))];

export const typesWithJudgedProperties: readonly string[] = [
  ...new Set(judged.flatMap((entry) => entry.types)),
];

export interface UnjudgedValue {
  policy: string;
  /** `inlinePolicies[0].policy`. */
  where: string;
}

/** Each property a policy reads whose value is unknown (preview), with the policy that skips it. */
export function unjudgedValues(
  type: string,
  props: unknown,
  policies: readonly string[] = policiesReadingInputs,
): UnjudgedValue[] {
  const found: UnjudgedValue[] = [];
  for (const entry of judged) {
    if (!entry.types.includes(type) || !policies.includes(entry.policy)) continue;
    for (const property of entry.properties) {
      const where = firstUnknown(isRecord(props) ? props[property] : undefined, property, 2);
      if (where) found.push({ policy: entry.policy, where });
    }
  }
  // The generated model-naming paths (agents' foundationModel, batch jobs' modelId...).
  if (policies.includes("bedrock-resources-use-profiles"))
    for (const { where, value } of profilePropertyValues(type, props))
      if (typeof value !== "string") found.push({ policy: "bedrock-resources-use-profiles", where });
  return found;
}

/** The path of the first unknown value within `depth` levels, or undefined. */
function firstUnknown(value: unknown, path: string, depth: number): string | undefined {
  if (isUnknown(value)) return path;
  if (depth === 0) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < Math.min(value.length, 1000); index++) {
      const found = firstUnknown(value[index], `${path}[${index}]`, depth - 1);
      if (found) return found;
    }
  } else if (isRecord(value)) {
    for (const key of Object.keys(value).slice(0, 1000)) {
      const found = firstUnknown(value[key], `${path}.${key}`, depth - 1);
      if (found) return found;
    }
  }
  return undefined;
}
