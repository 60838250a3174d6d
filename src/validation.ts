import type { z } from "zod";
import { didYouMean } from "./did-you-mean";

/** One problem with user input, rendered `file: path: message`. */
export interface InputError {
  file: string;
  /** Dotted path inside the file (`budget.monthlyUsd`), or "" for the file as a whole. */
  path: string;
  message: string;
}

export function formatInputError(error: InputError): string {
  return error.path ? `${error.file}: ${error.path}: ${error.message}` : `${error.file}: ${error.message}`;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
}

/** A short, safe rendering of the offending value (bounded: inputs may be huge). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    // NaN and ±Infinity keep their names (JSON would print null): the user wrote them, or YAML's .nan/.inf.
    const named = (_key: string, inner: unknown) =>
      typeof inner === "number" && !Number.isFinite(inner) ? `\u0000${String(inner)}\u0000` : inner;
    text =
      typeof value === "number" && !Number.isFinite(value)
        ? String(value)
        : (JSON.stringify(value, named)?.replace(/"\\u0000(.*?)\\u0000"/g, "$1") ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * zod's issue, reworded as "what is wrong and what is allowed"; messages a schema sets itself are
 * kept. `knownKeys` are the keys allowed where an unknown key was found, for a did-you-mean.
 */
export function describeIssue(issue: z.core.$ZodIssue, knownKeys: readonly string[] = []): string {
  const message = reword(issue, knownKeys);
  const shown = "input" in issue ? describeValue(issue.input) : "";
  // A message that begins with the value it is about says it once.
  const quoted = message.startsWith(shown);
  const got = "input" in issue && issue.code !== "unrecognized_keys" && !quoted ? `, got ${shown}` : "";
  return `${message}${got}`;
}

/** zod's type names, in words a tenant owner or a YAML author uses. */
const typeWords: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object of keys and values",
  record: "an object of keys and values",
};

function reword(issue: z.core.$ZodIssue, knownKeys: readonly string[]): string {
  const isDefault = (prefix: string) => issue.message.startsWith(prefix);
  switch (issue.code) {
    case "invalid_type": {
      if (!isDefault("Invalid input")) return issue.message;
      const expected = typeWords[issue.expected] ?? issue.expected;
      if (typeof issue.input === "number" && !Number.isFinite(issue.input)) return "expected a finite number";
      return issue.input === undefined ? `required (expected ${expected})` : `expected ${expected}`;
    }
    case "invalid_value":
      if (!isDefault("Invalid")) return issue.message;
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "unrecognized_keys":
      return issue.keys.map((key) => `unknown key "${key}"${didYouMean(key, knownKeys)}`).join("; ");
    case "invalid_key":
      // A record key that fails its schema: zod says only "Invalid key in record"; the reasons are the inner issues.
      return issue.issues.length > 0
        ? issue.issues.map((inner) => reword(inner, knownKeys)).join("; ")
        : "invalid key";
    case "too_small":
    case "too_big": {
      if (!isDefault("Too ")) return issue.message;
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const relation =
        issue.code === "too_small"
          ? inclusive
            ? "at least"
            : "greater than"
          : inclusive
            ? "at most"
            : "less than";
      const plural = Number(bound) === 1 ? "" : "s";
      const unit =
        issue.origin === "string" ? ` character${plural}` : issue.origin === "array" ? ` item${plural}` : "";
      return `expected ${issue.origin === "number" ? "a number " : ""}${relation} ${String(bound)}${unit}`;
    }
    default:
      return issue.message;
  }
}

/**
 * zod issues as input errors. With the `schema` that was parsed, an unknown key gets a
 * did-you-mean from the keys allowed where it was found.
 */
export function zodIssuesToErrors(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[] = [],
  schema?: z.core.$ZodType,
): InputError[] {
  return issues.map((issue) => ({
    file,
    path: formatPath([...prefix, ...issue.path]),
    message: describeIssue(
      issue,
      schema && issue.code === "unrecognized_keys" ? keysAt(schema, issue.path) : [],
    ),
  }));
}

/**
 * The schema a wrapper holds, looked through until it is not one: optional, default, nullable and
 * prefault add no structure, and a pipe (`transform`) reads what its input schema reads. Whatever
 * walks a schema by its structure (`keysAt`, the preflight's walk of a tenant's strings) starts here.
 */
export function innerSchema(schema: z.core.$ZodType): z.core.$ZodType {
  const wrappers = ["optional", "default", "nullable", "prefault"];
  let current = schema;
  for (;;) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (wrappers.includes(def.type)) current = def.innerType as z.core.$ZodType;
    else if (def.type === "pipe") current = def.in as z.core.$ZodType;
    else return current;
  }
}

/** The keys an object schema allows at a path (wrappers such as optional and default looked through). */
export function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema;
  let index = 0;
  while (current) {
    current = innerSchema(current);
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (index === path.length) return def.type === "object" ? Object.keys(def.shape as object) : [];
    else {
      const segment = path[index++];
      if (def.type === "object") current = (def.shape as Record<string, z.core.$ZodType>)[String(segment)];
      else if (def.type === "array") current = def.element as z.core.$ZodType;
      else if (def.type === "record") current = def.valueType as z.core.$ZodType;
      else return [];
    }
  }
  return [];
}
