import { type PreflightIssue, operationLabel } from "./issue";
import { type MemberRule, anchoredPattern, awsRules, stringRuleProblem } from "../../../src/aws-rules";
import { UNKNOWN, secretSignature, signatureKey } from "../planned-resource";
import type { PlannedResource } from "../planned-resource";

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
  for (const compiledRule of resourceRules) {
    visit(resource.inputs, compiledRule.steps, 0, "", (input, value, present) => {
      const problem = present
        ? violation(compiledRule, value)
        : compiledRule.rule.required
          ? "it is required"
          : undefined;
      if (problem)
        issues.push({
          urn: resource.urn,
          type: resource.type,
          name: resource.name,
          input,
          rule: `${operationLabel(compiledRule.operation)} would reject it: ${compiledRule.rule.api}: ${problem}`,
          value,
        });
    });
  }
}

type Visitor = (input: string, value: unknown, present: boolean) => void;

/** Calls `onValue` for each value at `steps` below `value` (and once with `present: false` for a missing last member). */
function visit(
  value: unknown,
  steps: readonly string[],
  index: number,
  input: string,
  onValue: Visitor,
): void {
  const current = plain(value);
  if (current === UNKNOWN_VALUE) return;
  if (index === steps.length) {
    onValue(input, current, current !== undefined && current !== null);
    return;
  }
  const step = steps[index];
  if (step === "[]") {
    if (!Array.isArray(current)) return;
    current.forEach((element, position) =>
      visit(element, steps, index + 1, `${input}[${position}]`, onValue),
    );
  } else if (step === "{key}" || step === "{value}") {
    if (!isObject(current)) return;
    for (const [key, entry] of Object.entries(current))
      visit(step === "{key}" ? key : entry, steps, index + 1, `${input}.${key}`, onValue);
  } else {
    if (!isObject(current)) return;
    const child = current[step];
    if (child === undefined && index < steps.length - 1) return; // an optional parent that is absent
    visit(child, steps, index + 1, input ? `${input}.${step}` : step, onValue);
  }
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
  const bounds = (unit: string) =>
    rule.min !== undefined && rule.max !== undefined
      ? `${rule.min}-${rule.max}${unit}`
      : rule.max !== undefined
        ? `at most ${rule.max}${unit}`
        : `at least ${rule.min}${unit}`;
  const outOf = (size: number) =>
    (rule.min !== undefined && size < rule.min) || (rule.max !== undefined && size > rule.max);
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
      return outOf(size) ? `${bounds(" entries")}` : undefined;
    }
    case "integer":
    case "long":
    case "double":
    case "float": {
      const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof number !== "number" || Number.isNaN(number)) return `expected a number`;
      if (rule.type !== "double" && rule.type !== "float" && !Number.isInteger(number))
        return `expected an integer`;
      return outOf(number) ? `expected a number of ${bounds("")}` : undefined;
    }
    default:
      return undefined;
  }
}
