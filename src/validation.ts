import type { z } from "zod";

/** One problem with user input, rendered `file: path: message`. */
export interface InputError {
  file: string;
  /** Dotted path inside the file (`budget.monthlyUsd`), or "" for the file as a whole. */
  path: string;
  message: string;
}

export class InputValidationError extends Error {
  constructor(readonly errors: InputError[]) {
    super(`invalid input:\n${errors.map(formatInputError).join("\n")}`);
    this.name = "InputValidationError";
  }
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
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** zod's issue, reworded as "what is wrong and what is allowed"; messages a schema sets itself are kept. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const got =
    "input" in issue && issue.code !== "unrecognized_keys" ? `, got ${describeValue(issue.input)}` : "";
  return `${reword(issue)}${got}`;
}

function reword(issue: z.core.$ZodIssue): string {
  const isDefault = (prefix: string) => issue.message.startsWith(prefix);
  switch (issue.code) {
    case "invalid_type":
      if (!isDefault("Invalid input")) return issue.message;
      return issue.input === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}`;
    case "invalid_value":
      if (!isDefault("Invalid")) return issue.message;
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    case "invalid_key":
      // A record key that fails its schema: zod says only "Invalid key in record"; the reasons are the inner issues.
      return issue.issues.length > 0 ? issue.issues.map(reword).join("; ") : "invalid key";
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

export function zodIssuesToErrors(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[] = [],
): InputError[] {
  return issues.map((issue) => ({
    file,
    path: formatPath([...prefix, ...issue.path]),
    message: describeIssue(issue),
  }));
}
