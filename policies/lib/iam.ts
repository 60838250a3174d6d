/**
 * IAM policy documents as they reach a policy pack: a JSON string or an object; `Statement` an
 * array or a single object; `Action`/`NotAction`/`Resource`/`NotResource` a string or an array;
 * condition operators and keys in any case (IAM compares them case-insensitively). Parsing is
 * linear in the document and bounded: a document far larger than IAM accepts is reported, not read.
 */
import { globMatch } from "./glob";
import {
  type JsonRecord,
  type Unknown,
  UNKNOWN,
  decodeJson,
  isRecord,
  isUnknown,
  strings,
  text,
} from "./values";

/**
 * IAM accepts at most 10,240 characters in any policy document (role inline policies; managed
 * policies 6,144), whitespace excluded. A hundred times that is still cheap to parse;
 * past it the document cannot deploy and is not worth reading.
 */
export const maxDocumentCharacters = 1024 * 1024;
/** IAM's size limits allow a few hundred statements at most. */
export const maxStatements = 10_000;
/** Condition keys over all statements: a 10,240-character document holds a few hundred at most. */
export const maxConditionEntries = 50_000;

/** A list of patterns as a statement gives it; `unknown` when some entries are not known yet. */
export interface Patterns {
  known: string[];
  unknown: boolean;
}

export interface Statement {
  /** 1-based position in the document, as people count statements. */
  number: number;
  sid?: string;
  effect: "Allow" | "Deny" | Unknown;
  action?: Patterns;
  notAction?: Patterns;
  resource?: Patterns;
  notResource?: Patterns;
  condition?: JsonRecord | Unknown;
}

export type ParsedDocument =
  { kind: "document"; statements: Statement[] } | { kind: "unknown" } | { kind: "invalid"; problem: string };

export function parsePolicyDocument(value: unknown): ParsedDocument {
  if (typeof value === "string" && value.length > maxDocumentCharacters) {
    return {
      kind: "invalid",
      problem: `is ${value.length.toLocaleString("en-US")} characters long, far past IAM's 10,240-character limit`,
    };
  }
  const decoded = decodeJson(value);
  if (decoded === UNKNOWN) return { kind: "unknown" };
  if ("error" in decoded)
    return { kind: "invalid", problem: `is not valid JSON (${decoded.error.slice(0, 80)})` };
  const document = decoded.value;
  if (isUnknown(document)) return { kind: "unknown" };
  if (!isRecord(document)) return { kind: "invalid", problem: "is not a JSON object" };
  if (!Object.prototype.hasOwnProperty.call(document, "Statement"))
    return { kind: "document", statements: [] };
  const statementValue = document.Statement;
  if (isUnknown(statementValue)) return { kind: "unknown" };
  const entries = Array.isArray(statementValue) ? statementValue : [statementValue];
  if (entries.length > maxStatements) {
    return {
      kind: "invalid",
      problem: `has ${entries.length.toLocaleString("en-US")} statements, far more than IAM's size limits allow`,
    };
  }
  const statements: Statement[] = [];
  let conditionEntryCount = 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (isUnknown(entry)) {
      statements.push({ number: index + 1, effect: UNKNOWN });
      continue;
    }
    if (!isRecord(entry)) return { kind: "invalid", problem: `statement ${index + 1} is not a JSON object` };
    const parsed = parseStatement(entry, index + 1);
    if ("problem" in parsed) return { kind: "invalid", problem: parsed.problem };
    if (isRecord(parsed.condition)) conditionEntryCount += countConditionKeys(parsed.condition);
    if (conditionEntryCount > maxConditionEntries)
      return {
        kind: "invalid",
        problem: `has over ${maxConditionEntries.toLocaleString("en-US")} condition keys, far more than IAM's size limits allow`,
      };
    statements.push(parsed);
  }
  return { kind: "document", statements };
}

function countConditionKeys(condition: JsonRecord): number {
  let count = 0;
  for (const operator in condition) {
    const block = condition[operator];
    if (isRecord(block))
      for (const key in block) if (Object.prototype.hasOwnProperty.call(block, key)) count++;
  }
  return count;
}

function parseStatement(entry: JsonRecord, number: number): Statement | { problem: string } {
  const effectValue = own(entry, "Effect");
  let effect: Statement["effect"];
  if (isUnknown(effectValue)) effect = UNKNOWN;
  else if (typeof effectValue === "string" && effectValue.toLowerCase() === "allow") effect = "Allow";
  else if (typeof effectValue === "string" && effectValue.toLowerCase() === "deny") effect = "Deny";
  else return { problem: `statement ${number} has no Effect of Allow or Deny` };
  const sid = text(own(entry, "Sid"));
  const condition = own(entry, "Condition");
  return {
    number,
    sid: typeof sid === "string" ? sid : undefined,
    effect,
    action: patterns(own(entry, "Action")),
    notAction: patterns(own(entry, "NotAction")),
    resource: patterns(own(entry, "Resource")),
    notResource: patterns(own(entry, "NotResource")),
    condition: isUnknown(condition) ? UNKNOWN : isRecord(condition) ? condition : undefined,
  };
}

function own(entry: JsonRecord, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(entry, key) ? entry[key] : undefined;
}

function patterns(value: unknown): Patterns | undefined {
  if (isUnknown(value)) return { known: [], unknown: true };
  if (typeof value === "string") return { known: [value], unknown: false };
  if (!Array.isArray(value)) return undefined;
  const result: Patterns = { known: [], unknown: false };
  for (const entry of value) {
    if (typeof entry !== "string") continue; // IAM takes strings only; other entries grant nothing
    if (isUnknown(entry)) result.unknown = true;
    else result.known.push(entry);
  }
  return result;
}

/** Whether an action pattern covers `action`; IAM action names are case-insensitive. */
export function actionMatcher(action: string): (pattern: string) => boolean {
  return (pattern) => globMatch(pattern, action, { ignoreCase: true });
}

/**
 * Whether a statement's Action/NotAction covers the action `matches` recognises: `true`, `false`,
 * or `UNKNOWN` when the answer depends on entries not known yet.
 */
export function coversAction(statement: Statement, matches: (pattern: string) => boolean): boolean | Unknown {
  if (statement.action) {
    if (statement.action.known.some(matches)) return true;
    return statement.action.unknown ? UNKNOWN : false;
  }
  if (statement.notAction) {
    // NotAction allows every action it does not list.
    if (statement.notAction.known.some(matches)) return false;
    return statement.notAction.unknown ? UNKNOWN : true;
  }
  return false;
}

/** One condition entry on `key`: its operator (as written) and values. */
export interface ConditionEntry {
  operator: string;
  values: Array<string | Unknown>;
}

const conditionIndexes = new WeakMap<JsonRecord, Map<string, ConditionEntry[]>>();

/**
 * Every entry of a Condition block on `key`, whatever the case of operator and key. The block is
 * indexed once by key, so asking for many keys (one per mandatory tag) stays linear in its size.
 */
export function conditionEntries(condition: JsonRecord, key: string): ConditionEntry[] {
  let index = conditionIndexes.get(condition);
  if (!index) {
    index = new Map();
    for (const operator of Object.keys(condition)) {
      const block = condition[operator];
      if (!isRecord(block)) continue;
      for (const conditionKey of Object.keys(block)) {
        const raw = block[conditionKey];
        const values = typeof raw === "boolean" ? [String(raw)] : strings(raw);
        const entry: ConditionEntry = { operator, values: values === UNKNOWN ? [UNKNOWN] : (values ?? []) };
        const lower = conditionKey.toLowerCase();
        const entries = index.get(lower);
        if (entries) entries.push(entry);
        else index.set(lower, [entry]);
      }
    }
    conditionIndexes.set(condition, index);
  }
  return index.get(key.toLowerCase()) ?? [];
}

/**
 * How an operator treats a request that does not carry the key at all: a direct model call has no
 * `bedrock:InferenceProfileArn`. Only a positive match without `IfExists`, outside `ForAllValues`
 * (true for an empty set), or `Null: false`, makes the key's presence a requirement.
 */
export function operatorRequiresKey(
  operator: string,
  values: ReadonlyArray<string | Unknown>,
): "requires" | "admits-absent" | "matches" {
  const lower = operator.toLowerCase();
  if (lower === "null")
    return values.every((value) => value === UNKNOWN || value.toLowerCase() === "false")
      ? "requires"
      : "admits-absent";
  if (lower.endsWith("ifexists") || lower.startsWith("forallvalues:")) return "admits-absent";
  const base = lower.startsWith("foranyvalue:") ? lower.slice("foranyvalue:".length) : lower;
  if (["stringequals", "stringequalsignorecase", "arnequals", "arnlike", "stringlike"].includes(base))
    return "matches";
  return "admits-absent";
}

/** Whether the operator compares with wildcards (`*`, `?`) rather than literally. */
export function isWildcardOperator(operator: string): boolean {
  const lower = operator.toLowerCase();
  return lower.endsWith("like") || lower.startsWith("arn");
}
