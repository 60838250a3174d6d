/**
 * The spending surface's resource types, from the `@pulumi/aws` and `@pulumi/aws-native` type
 * definitions: every property that names a model, and every type that bills by itself, classified
 * by the rules below or the reviewed overrides (overrides.ts). A model-naming property no rule and
 * no override classifies fails the generator, so a provider upgrade is seen.
 */
import type {
  BilledType,
  PropertyJudgement,
  SurfaceAction,
  SurfaceProperty,
} from "../../lib/spending-surface";
import { propertyOverrides } from "./overrides";
import type { ProviderType } from "./provider-types";

/** A property that names a model: the names the Bedrock APIs use, nested or not (`embeddingModelArn`, `bedrockModel.modelIdentifier`). */
const modelLeaf =
  /^(modelId|modelArn|foundationModel|modelIdentifier|baseModelIdentifier)$|[a-z](ModelId|ModelArn|ModelIdentifier)$/;
/** In Bedrock's own modules a string named `model` names one too (AgentCore gateway targets). */
const bedrockModule = /^aws:bedrock[a-z]*\/|^aws-native:bedrock[a-z]*:/;
const agentCoreModule = /^aws:bedrock\/agentcore|^aws-native:bedrockagentcore:/;

interface PropertyRule {
  id: string;
  judged: PropertyJudgement;
  why: string;
  /** `buys`: the type's creating action reserves capacity or customizes a model. */
  applies(type: ProviderType, path: string, leaf: string, buys: boolean): boolean;
}

const rules: PropertyRule[] = [
  {
    id: "other-provider",
    judged: "not-judged",
    why: "names a model of another provider (Gemini, OpenAI, LiteLLM, Deepgram), not a Bedrock model",
    applies: (_type, path) => /gemini|openai|litellm|deepgram/i.test(path),
  },
  {
    id: "agentcore",
    judged: "not-judged",
    why: "not settled whether AgentCore accepts an application profile here; the model calls are bedrock:InvokeModel of the resource's execution role, which bedrock-invoke-through-profiles and the org stack's SCP keep on application profiles",
    applies: (type) => agentCoreModule.test(type.token),
  },
  {
    id: "billed-model",
    judged: "billed-model",
    why: "names the model the resource itself buys or customizes (AWS takes a model here, not a profile: botocore bedrock ModelIdentifier, BaseModelIdentifier); the resource carries the cost tags instead",
    applies: (_type, path, _leaf, buys) => buys && !path.includes("."),
  },
  {
    id: "other-service",
    judged: "not-judged",
    why: "a model of another service (SageMaker, Comprehend, IoT SiteWise), not a Bedrock model",
    applies: (type, path) => !bedrockModule.test(type.token) && !/bedrock/i.test(path),
  },
  {
    id: "service-caller",
    judged: "not-judged",
    why: "another service (Lex, Amazon Q in Connect) calls Bedrock with its own role; not settled whether it accepts an application profile here, so it is listed, not refused",
    applies: (type) => !bedrockModule.test(type.token),
  },
  {
    id: "bedrock-resource",
    judged: "profile",
    why: "the model a Bedrock resource calls: it must name an application inference profile to be attributed (a new property of this kind is judged so until reviewed: a refusal is seen, a silent pass is not)",
    applies: (type, _path, leaf) =>
      bedrockModule.test(type.token) &&
      /^(modelId|modelArn|foundationModel|modelIdentifier|model)$/.test(leaf),
  },
];

/**
 * Types that bill by themselves: a Bedrock module's type whose name ends the name of a `Create`
 * action the action table classifies as spending (`InvocationJob` ← `CreateModelInvocationJob`).
 */
export function billedTypes(
  types: readonly ProviderType[],
  actions: Record<string, SurfaceAction>,
): Record<string, BilledType> {
  const creators = Object.entries(actions).filter(
    ([name, entry]) => entry.spend !== "no-model-spend" && /^bedrock(-mantle)?:Create/.test(name),
  );
  const billed: Record<string, BilledType> = {};
  for (const type of types) {
    if (!bedrockModule.test(type.token) || agentCoreModule.test(type.token)) continue;
    const resourceName = type.token.slice(type.token.lastIndexOf(":") + 1);
    const creator = creators.find(([name]) => name.endsWith(resourceName) && name.includes(":Create"));
    if (creator) billed[type.token] = { action: creator[0], spend: creator[1].spend, tagged: type.tagged };
  }
  return billed;
}

/** Rule id → why, written once into the table. */
export const propertyRules = (): Record<string, string> =>
  Object.fromEntries(rules.map((rule) => [rule.id, rule.why]));

export function classifyProperties(
  types: readonly ProviderType[],
  billed: Record<string, BilledType>,
): { properties: Record<string, SurfaceProperty[]>; unclassified: string[] } {
  const properties: Record<string, SurfaceProperty[]> = {};
  const unclassified: string[] = [];
  const overridesUsed = new Set<string>();
  for (const type of types) {
    for (const { path, leaf, string } of type.properties) {
      const candidate =
        string && (modelLeaf.test(leaf) || (leaf === "model" && bedrockModule.test(type.token)));
      if (!candidate) continue;
      const key = `${type.token} ${path}`;
      const override = propertyOverrides[key];
      const rule = override
        ? undefined
        : rules.find((r) =>
            r.applies(
              type,
              path,
              leaf,
              ["reserves-capacity", "customizes"].includes(billed[type.token]?.spend ?? ""),
            ),
          );
      if (!override && !rule) {
        unclassified.push(key);
        continue;
      }
      if (override) overridesUsed.add(key);
      (properties[type.token] ??= []).push({
        path,
        judged: override?.judged ?? rule!.judged,
        ...(override ? { rule: "override", why: override.why } : { rule: rule!.id }),
      });
    }
  }
  for (const key of Object.keys(propertyOverrides))
    if (!overridesUsed.has(key))
      unclassified.push(`${key} (override of a property the providers no longer have)`);
  return { properties, unclassified };
}
