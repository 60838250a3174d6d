import rawRules from "./data/aws-rules.json";

/**
 * The shape of `aws-rules.json`, the constraints `npm run gen:aws-rules` copies from the botocore
 * models. Bounds mean what botocore means: characters for strings, entries for lists and maps,
 * the value for numbers.
 */
export interface MemberRule {
  /** `<Operation>.<member path>`, as AWS's error names it. */
  api: string;
  /** The botocore shape. */
  shape: string;
  type: string;
  required?: true;
  min?: number;
  max?: number;
  /** Matched against the whole value, as AWS does. */
  pattern?: string;
  flags?: string;
  enum?: string[];
}

export interface AwsRules {
  generatedFrom: { from: string; commit: string; services: Record<string, string> };
  resources: Record<string, { operation: string; members: Record<string, MemberRule> }>;
}

/** The generated constraints (`npm run gen:aws-rules -- <models-dir>` rewrites `src/data/aws-rules.json`). */
export const awsRules = rawRules as AwsRules;

/** The rule of one mapped Pulumi input; throws when the table has none (a program bug, caught by tests). */
export function memberRule(resourceType: string, input: string): MemberRule {
  const rule = awsRules.resources[resourceType]?.members[input];
  if (!rule) throw new Error(`src/data/aws-rules.json has no rule for ${resourceType} ${input}`);
  return rule;
}

/** A member's pattern as AWS applies it: to the whole value. */
export function anchoredPattern(rule: MemberRule): RegExp | undefined {
  return rule.pattern === undefined ? undefined : new RegExp(`^(?:${rule.pattern})$`, rule.flags);
}

export const outOfBounds = (rule: MemberRule, size: number): boolean =>
  (rule.min !== undefined && size < rule.min) || (rule.max !== undefined && size > rule.max);

export const boundsText = (rule: MemberRule, unit: string): string =>
  rule.min !== undefined && rule.max !== undefined
    ? `${rule.min}-${rule.max}${unit}`
    : rule.max !== undefined
      ? `at most ${rule.max}${unit}`
      : `at least ${rule.min}${unit}`;

/** Characters as AWS counts them (code points): a string without surrogates is its `length`. */
function codePoints(value: string): number {
  let length = value.length;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) length--;
  }
  return length;
}

/** Why `value` breaks a string member's length or pattern, or undefined when it fits. */
export function stringRuleProblem(
  rule: MemberRule,
  value: string,
  pattern = anchoredPattern(rule),
): string | undefined {
  if (outOfBounds(rule, codePoints(value)) || (pattern !== undefined && !pattern.test(value)))
    return `${boundsText(rule, " characters")}${rule.pattern ? ` matching ${rule.pattern}` : ""}`;
  return undefined;
}
