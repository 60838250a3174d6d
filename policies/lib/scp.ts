/**
 * Service control policies as the org stack's rules read them: the SCP resources of a stack, the
 * Deny statements of their documents, and what a statement's Resource and Condition let through.
 * IAM semantics used here (IAM user guide, "Condition operators"): a negated operator (`…Not…`)
 * is true when the request lacks the key, so a Deny with `ArnNotLike` on a key denies requests
 * that do not carry it; several operators in one Condition are ANDed, each narrowing the Deny.
 */
import { type Statement, conditionEntries, parsePolicyDocument } from "./iam";
import { globMatch } from "./glob";
import { types } from "./resource-types";
import { type JsonRecord, UNKNOWN, type Unknown, at, isRecord, text } from "./values";

export const scpTypes = {
  policy: types.organizationsPolicy,
  attachment: types.organizationsPolicyAttachment,
} as const;

/** Statements of an SCP resource's `content`, or why they cannot be read (`unknown` during a preview). */
export function scpStatements(
  props: JsonRecord,
): Statement[] | "not-an-scp" | "unknown" | { problem: string } {
  const type = text(at(props, "type"));
  if (type === UNKNOWN) return "unknown";
  if (type !== "SERVICE_CONTROL_POLICY") return "not-an-scp";
  const parsed = parsePolicyDocument(at(props, "content"));
  if (parsed.kind === "unknown") return "unknown";
  if (parsed.kind === "invalid") return { problem: parsed.problem };
  return parsed.statements;
}

const negatedOperators = ["arnnotlike", "arnnotequals", "stringnotlike", "stringnotequals"];

/** The operator without `IfExists`, lower case; null unless it is one of the negated string/ARN operators. */
export function negatedBase(operator: string): string | null {
  const lower = operator.toLowerCase().replace(/ifexists$/, "");
  return negatedOperators.includes(lower) ? lower : null;
}

/** Whether a condition value (a pattern for the Like and Arn operators) matches `value`. */
export function conditionValueMatches(operator: string, pattern: string, value: string): boolean {
  const base = negatedBase(operator) ?? operator.toLowerCase();
  return base.includes("like") || base.startsWith("arn") ? globMatch(pattern, value) : pattern === value;
}

/** Whether the statement's Resource (or NotResource) covers the ARN; `UNKNOWN` while entries are unknown. */
export function coversResource(statement: Statement, arn: string): boolean | Unknown {
  if (statement.resource) {
    if (statement.resource.known.some((pattern) => globMatch(pattern, arn))) return true;
    return statement.resource.unknown ? UNKNOWN : false;
  }
  if (statement.notResource) {
    if (statement.notResource.known.some((pattern) => globMatch(pattern, arn))) return false;
    return statement.notResource.unknown ? UNKNOWN : true;
  }
  return false;
}

/**
 * The principals a Deny statement spares: the values of its negated `aws:PrincipalArn` entries,
 * with their operator. Empty when it spares nobody by principal.
 */
export function principalExemptions(statement: Statement): Array<{ operator: string; values: string[] }> {
  if (!isRecord(statement.condition)) return [];
  return conditionEntries(statement.condition, "aws:PrincipalArn")
    .filter((entry) => negatedBase(entry.operator) !== null)
    .map((entry) => ({
      operator: entry.operator,
      values: entry.values.filter((value): value is string => typeof value === "string"),
    }));
}

/** Every (operator, key) pair of a Condition block. */
export function conditionPairs(
  condition: JsonRecord,
): Array<{ operator: string; key: string; values: unknown }> {
  const pairs: Array<{ operator: string; key: string; values: unknown }> = [];
  for (const operator of Object.keys(condition)) {
    const block = condition[operator];
    if (!isRecord(block)) {
      pairs.push({ operator, key: "", values: block });
      continue;
    }
    for (const key of Object.keys(block)) pairs.push({ operator, key, values: block[key] });
  }
  return pairs;
}

/** `statement 2 ("Sid")`, as people count statements. */
export function statementLabel(statement: Statement): string {
  return statement.sid
    ? `statement ${statement.number} (${JSON.stringify(statement.sid.slice(0, 40))})`
    : `statement ${statement.number}`;
}
