import { type PreflightIssue, operationLabel } from "./issue";
import {
  type MemberRule,
  anchoredPattern,
  awsRules,
  boundsText,
  outOfBounds,
  stringRuleProblem,
} from "../../../src/aws-rules";
import { UNKNOWN, secretSignature, signatureKey } from "../plan/planned-resource";
import type { PlannedResource } from "../plan/planned-resource";

/**
 * Every input the table maps, checked against the constraints botocore gives its API member.
 * Compiled once; each resource costs one walk per mapped input.
 */
interface CompiledRule {
  steps: string[];
  rule: MemberRule;
  pattern?: RegExp;
  operation: string;
}

const compiled = new Map<string, CompiledRule[]>(
  Object.entries(awsRules.resources).map(([type, resource]) => [
    type,
    Object.entries(resource.members).map(([pulumiPath, rule]) => ({
      steps: pulumiPath.match(/[^.[\]{}]+|\[\]|\{key\}|\{value\}/g) ?? [],
      rule,
      // AWS matches a member's pattern against the whole value (a description with one valid
      // character and a "/" is refused), so the pattern is anchored.
      pattern: anchoredPattern(rule),
      operation: resource.operation,
    })),
  ]),
);

/** The resource types the generated rules cover. */
export const coveredTypes = (): string[] => [...compiled.keys()];

export function checkMembers(resource: PlannedResource, issues: PreflightIssue[]): void {
  const resourceRules = compiled.get(resource.type);
  if (!resourceRules) return;
  const walk: Walk = { resource, issues, rule: resourceRules[0], path: [] };
  for (const compiledRule of resourceRules) {
    walk.rule = compiledRule;
    visit(walk, resource.inputs, 0);
  }
}

/**
 * One walk of one rule over one resource. The input's path is kept as parts and only joined into a
 * string for an issue: building it for every value the walk meets was most of the preflight's cost.
 */
interface Walk {
  resource: PlannedResource;
  issues: PreflightIssue[];
  rule: CompiledRule;
  path: Array<string | number>;
}

function visit(walk: Walk, value: unknown, index: number): void {
  const current = plain(value);
  if (current === UNKNOWN_VALUE) return;
  const { steps } = walk.rule;
  if (index === steps.length) {
    const present = current !== undefined && current !== null;
    const problem = present
      ? violation(walk.rule, current)
      : walk.rule.rule.required
        ? "it is required"
        : undefined;
    if (problem) report(walk, problem, current);
    return;
  }
  const step = steps[index];
  if (step === "[]") {
    if (!Array.isArray(current)) return;
    for (let position = 0; position < current.length; position++) {
      walk.path.push(position);
      visit(walk, current[position], index + 1);
      walk.path.pop();
    }
  } else if (step === "{key}" || step === "{value}") {
    if (!isObject(current)) return;
    for (const key of Object.keys(current)) {
      walk.path.push(key);
      visit(walk, step === "{key}" ? key : current[key], index + 1);
      walk.path.pop();
    }
  } else {
    if (!isObject(current)) return;
    const child = current[step];
    if (child === undefined && index < steps.length - 1) return; // an optional parent that is absent
    walk.path.push(step);
    visit(walk, child, index + 1);
    walk.path.pop();
  }
}

function report(walk: Walk, problem: string, value: unknown): void {
  const { resource, rule } = walk;
  const input = walk.path
    .map((part, at) => (typeof part === "number" ? `[${part}]` : at === 0 ? part : `.${part}`))
    .join("");
  walk.issues.push({
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    input,
    rule: `${operationLabel(rule.operation)} would reject it: ${rule.rule.api}: ${problem}`,
    value,
  });
}

const UNKNOWN_VALUE = Symbol("unknown");

/** Secrets unwrapped; values not known until apply are skipped (the engine checks them then). */
function plain(value: unknown): unknown {
  if (value === UNKNOWN) return UNKNOWN_VALUE;
  if (isObject(value) && value[signatureKey] === secretSignature) return plain(value.value);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function violation({ rule, pattern }: CompiledRule, value: unknown): string | undefined {
  switch (rule.type) {
    case "string": {
      const text = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
      if (typeof text !== "string") return `expected a string`;
      if (rule.enum && !rule.enum.includes(text)) return `expected one of ${rule.enum.join(", ")}`;
      return stringRuleProblem(rule, text, pattern);
    }
    case "list":
    case "map": {
      const size = Array.isArray(value)
        ? value.length
        : isObject(value)
          ? Object.keys(value).length
          : undefined;
      if (size === undefined) return `expected a list`;
      return outOfBounds(rule, size) ? boundsText(rule, " entries") : undefined;
    }
    case "integer":
    case "long":
    case "double":
    case "float": {
      const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof number !== "number" || Number.isNaN(number)) return `expected a number`;
      if (rule.type !== "double" && rule.type !== "float" && !Number.isInteger(number))
        return `expected an integer`;
      return outOfBounds(rule, number) ? `expected a number of ${boundsText(rule, "")}` : undefined;
    }
    default:
      return undefined;
  }
}
