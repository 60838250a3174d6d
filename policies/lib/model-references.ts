/**
 * Bedrock resources that name the model they call: prompts (variants' `modelId`), flows (prompt and
 * other nodes' `modelId`, however deep), Step Functions tasks that call Bedrock
 * (`arn:aws:states:::bedrock:invokeModel`, `aws-sdk:bedrock...`) with a `ModelId`, and every other
 * property the generated spending surface judges `profile` (agents and their prompt overrides,
 * batch inference and evaluation jobs, prompt routers: lib/surface-properties.ts).
 * Each may name an application inference profile instead, and must, to be attributed. The walk is
 * bounded (a definition far larger than AWS accepts is not read to its end) and linear.
 */
import { directModelReference } from "./arn";
import { quote } from "./text";
import { types } from "./resource-types";
import { profilePropertyValues } from "./surface-properties";
import { type JsonRecord, at, decodeJson, isRecord, text } from "./values";

export interface ModelReference {
  /** Where it sits: `foundationModel`, `variants[0].modelId`, `state "Summarize" Parameters.ModelId`. */
  where: string;
  value: string;
  kind: "foundation-model" | "system-profile";
}

/**
 * What a resource names instead of a profile, as both model-reference policies word it:
 * `names a foundation model directly ("anthropic.claude-...")`.
 */
export function namesDirectly(reference: Pick<ModelReference, "kind" | "value">): string {
  const what = reference.kind === "system-profile" ? "a system-defined profile" : "a foundation model";
  return `names ${what} directly (${quote(reference.value, 100)})`;
}

/** Step Functions definitions are at most 1 MB; a walk visits at most this many values. */
const maxVisited = 200_000;
const modelKey = (key: string): boolean => key.length < 64 && key.toLowerCase().includes("model");

export function findModelReferences(
  type: string,
  props: JsonRecord,
  providers: readonly string[],
): ModelReference[] {
  const found: ModelReference[] = [];
  const consider = (value: unknown, where: string | (() => string)) => {
    if (typeof value !== "string" || found.length >= 20) return;
    const reference = directModelReference(value, providers);
    if (reference)
      found.push({
        where: typeof where === "string" ? where : where(),
        value: value.trim(),
        kind: reference.kind,
      });
  };
  switch (type) {
    case types.prompt:
    case types.nativePrompt:
    case types.nativePromptVersion:
      walk(at(props, "variants"), "variants", consider);
      break;
    case types.flow:
    case types.nativeFlow:
    case types.nativeFlowVersion:
      walk(at(props, "definition"), "definition", consider);
      walk(decoded(at(props, "definitionString")), "definitionString", consider);
      break;
    case types.stateMachine:
    case types.nativeStateMachine:
      for (const key of ["definition", "definitionString"]) {
        const definition = decoded(at(props, key));
        for (const task of bedrockTasks(definition))
          walk(task.arguments, `state ${JSON.stringify(task.name.slice(0, 64))}`, consider);
      }
      break;
    default:
      // Agents (and their prompt overrides), batch and evaluation jobs, prompt routers...: the paths the spending surface generates.
      for (const { where, value } of profilePropertyValues(type, props)) consider(value, where);
  }
  return found;
}

function decoded(value: unknown): unknown {
  const result = decodeJson(value);
  return typeof result === "object" && "value" in result ? result.value : undefined;
}

interface Step {
  value: unknown;
  parent?: Step;
  /** Key or index under the parent. */
  step?: string | number;
  underModelKey: boolean;
}

/** `definition.nodes[0].modelId`, built only for the values reported. */
function pathOf(label: string, step: Step): string {
  const parts: string[] = [];
  for (let at: Step | undefined = step; at?.parent; at = at.parent)
    parts.push(typeof at.step === "number" ? `[${at.step}]` : `.${String(at.step).slice(0, 64)}`);
  return label + parts.reverse().join("");
}

/**
 * Every string under keys that name a model (or every string, with `everyString`), in a bounded
 * depth-first walk without recursion (10,000-level nesting is fine); `consider` gets its path lazily.
 */
function walk(
  root: unknown,
  label: string,
  consider: (value: unknown, where: () => string) => void,
  everyString = false,
): void {
  const stack: Step[] = [{ value: root, underModelKey: everyString }];
  let visited = 0;
  while (stack.length > 0 && visited++ < maxVisited) {
    const current = stack.pop()!;
    const { value } = current;
    if (typeof value === "string") {
      if (current.underModelKey) consider(value, () => pathOf(label, current));
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({
          value: value[index],
          parent: current,
          step: index,
          underModelKey: current.underModelKey,
        });
    } else if (isRecord(value)) {
      for (const key of Object.keys(value))
        stack.push({
          value: value[key],
          parent: current,
          step: key,
          underModelKey: everyString || modelKey(key),
        });
    }
  }
}

/** Task states (at any depth: Parallel branches, Map processors) whose Resource calls Bedrock. */
function bedrockTasks(definition: unknown): Array<{ name: string; arguments: unknown }> {
  const tasks: Array<{ name: string; arguments: unknown }> = [];
  const stack: unknown[] = [definition];
  let visited = 0;
  while (stack.length > 0 && visited++ < maxVisited) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value.slice(0, maxVisited));
    else if (isRecord(value)) {
      const states = value.States;
      if (isRecord(states)) {
        for (const name of Object.keys(states)) {
          const state = states[name];
          const resource = text(at(state, "Resource"));
          if (typeof resource === "string" && /^arn:[a-z-]+:states:::(aws-sdk:)?bedrock/.test(resource))
            tasks.push({
              name,
              arguments: { Parameters: at(state, "Parameters"), Arguments: at(state, "Arguments") },
            });
        }
      }
      for (const key of Object.keys(value)) stack.push(value[key]);
    }
  }
  return tasks;
}

/**
 * JSON in settings is decoded up to this many characters per resource: Lambda's whole environment
 * is at most 4 KB, an ECS task definition 64 KiB; a resource holding more cannot deploy.
 */
export const maxSettingJson = 64 * 1024;

/**
 * The model a workload setting names directly: the value itself, or a string inside it when it holds
 * JSON (`{"model": "anthropic.claude-..."}`, a list of fallbacks).
 */
export function settingModelReference(
  value: string,
  providers: readonly string[],
  jsonBudget: { characters: number } = { characters: maxSettingJson },
): { kind: "foundation-model" | "system-profile"; value: string } | undefined {
  const direct = directModelReference(value, providers);
  if (direct) return { kind: direct.kind, value: value.trim() };
  const trimmed = value.trimStart();
  if (value.length > jsonBudget.characters || (trimmed[0] !== "{" && trimmed[0] !== "[")) return undefined;
  jsonBudget.characters -= value.length;
  let found: { kind: "foundation-model" | "system-profile"; value: string } | undefined;
  walk(
    decoded(value),
    "",
    (inner) => {
      if (found || typeof inner !== "string") return;
      const reference = directModelReference(inner, providers);
      if (reference) found = { kind: reference.kind, value: inner.trim() };
    },
    true,
  );
  return found;
}
