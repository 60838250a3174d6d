import * as fs from "node:fs";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "../..");

/** The project's Markdown documentation, relative to the repository: the README, docs/*.md and the packages' READMEs. */
export function documentationFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(repoRoot, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs, "policies/README.md", "resolver/README.md"];
}
