import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import type { InputError } from "../src/validation";
import { goJsonMarshal } from "./go-json";

/**
 * Reads `Pulumi.<stack>.yaml` into the flat map the Pulumi CLI hands a program
 * (`namespace:key` → string, structured values JSON-encoded as the CLI encodes them: go-json.ts).
 * Problems are returned, not thrown.
 */
export function readStackConfigFile(
  projectDir: string,
  stack: string,
): { config: Record<string, string>; file: string } | { errors: InputError[] } {
  const file = `Pulumi.${stack}.yaml`;
  const fail = (message: string, at = ""): { errors: InputError[] } => ({
    errors: [{ file, path: at, message }],
  });
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) return fail(`"${stack}" is not a valid stack name`);
  let text: string;
  try {
    text = fs.readFileSync(path.join(projectDir, file), "utf8");
  } catch {
    const known = fs
      .readdirSync(projectDir)
      .filter((name) => /^Pulumi\.[^.]+\.yaml$/.test(name))
      .map((name) => name.slice(7, -5));
    return fail(`no such stack file; known stacks: ${known.join(", ") || "none"}`);
  }
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    const [first] = document.errors;
    // The yaml package appends "at line L, column C:" and a drawing of the spot; shown here as
    // `file:line:col` and the offending line instead.
    const reason = first.message.split("\n")[0].replace(/ at line \d+, column \d+:$/, "");
    const position = first.linePos?.[0];
    if (!position) return fail(`not valid YAML: ${reason}`);
    const snippet = (text.split(/\r?\n/)[position.line - 1] ?? "").trim();
    return {
      errors: [
        {
          file: `${file}:${position.line}:${position.col}`,
          path: "",
          message: `not valid YAML: ${reason}${snippet ? `, at \`${snippet}\`` : ""}`,
        },
      ],
    };
  }
  let root: unknown;
  try {
    root = document.toJS();
  } catch (error) {
    // Well-formed YAML can still fail to resolve (an alias with no anchor, say).
    return fail(`not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (root === null || typeof root !== "object" || Array.isArray(root))
    return fail("expected a mapping with a `config:` key");
  const config = (root as Record<string, unknown>).config ?? {};
  if (config === null || typeof config !== "object" || Array.isArray(config))
    return fail("expected a mapping", "config");
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value !== null && typeof value === "object" && "secure" in value) continue; // secrets need the CLI; the program reads none
    const infinite = nonFinite(value);
    if (infinite) return fail(`${infinite.value} is not a finite number`, `${key}${infinite.path}`);
    flat[key] = typeof value === "string" ? value : goJsonMarshal(value);
  }
  return { config: flat, file };
}

/** YAML's `.nan` and `.inf` have no JSON form (they would arrive as null): found and named here. */
function nonFinite(value: unknown, at = ""): { path: string; value: string } | undefined {
  if (typeof value === "number")
    return Number.isFinite(value) ? undefined : { path: at, value: String(value) };
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFinite(inner, Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`);
    if (found) return found;
  }
  return undefined;
}
