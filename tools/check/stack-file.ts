import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import type { InputError } from "../../src/validation";

/**
 * Reads `Pulumi.<stack>.yaml` into the flat map the Pulumi CLI hands a program
 * (`namespace:key` → string, structured values JSON-encoded). Problems are returned, not thrown.
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
    const line = first.linePos?.[0].line;
    return fail(`not valid YAML${line ? ` (line ${line})` : ""}: ${first.message.split("\n")[0]}`);
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
    flat[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config: flat, file };
}
