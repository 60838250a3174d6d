/**
 * Loads the pack's policies from their directory: every file of rules/ defines one policy (and
 * registers it, lib/registry.ts), named after it. The pack serves them sorted by name, so the order
 * users see in GetAnalyzerInfo, reports and the README table does not depend on the file system.
 * A file that defines no policy or two, two policies with one name, or a policy defined outside the
 * directory stops the pack at load, naming the files: a silent skip would drop a guardrail.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PackPolicy } from "./define-policy";
import { definedPolicies } from "./registry";

/** One loaded file: its name as users see it (`rules/x.ts`) and what it exports. */
export interface PolicyModule {
  file: string;
  exports: unknown;
}

/**
 * Requires every file of `dir` and returns the policies they define, sorted by name; throws, listing
 * every problem, when the directory and the registry disagree. Files run as the loader itself does:
 * `.ts` from sources (ts-node, tsx), `.js` once compiled; dotfiles are ignored.
 */
export function loadPolicyDirectory(dir: string): PackPolicy[] {
  const extension = path.extname(__filename);
  const label = (name: string) => `${path.basename(dir)}/${name}`;
  const problems: string[] = [];
  const modules: PolicyModule[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort(byName)) {
    if (entry.name.startsWith(".")) continue;
    if (!entry.isFile() || !entry.name.endsWith(extension) || entry.name.endsWith(`.d${extension}`))
      problems.push(
        `${label(entry.name)}: not a policy file; ${path.basename(dir)}/ holds one ${extension} file per policy (helpers go in lib/)`,
      );
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the point: load what the directory holds
    else modules.push({ file: label(entry.name), exports: require(path.join(dir, entry.name)) });
  }
  return policiesOf(modules, definedPolicies(), problems);
}

/**
 * The policies `modules` define, sorted by name, given every policy `defined` in the process: each
 * module exports exactly one defined policy, named as the file, and each defined policy comes from
 * exactly one module. Throws one error listing every problem (with `earlier` ones first).
 */
export function policiesOf(
  modules: readonly PolicyModule[],
  defined: readonly PackPolicy[],
  earlier: readonly string[] = [],
): PackPolicy[] {
  const problems = [...earlier];
  const filesOf = new Map<PackPolicy, string[]>(defined.map((policy) => [policy, []]));
  for (const { file, exports } of modules) {
    const own = [...new Set(Object.values(isObject(exports) ? exports : {}))].filter(
      (value): value is PackPolicy => filesOf.has(value as PackPolicy),
    );
    for (const policy of own) filesOf.get(policy)!.push(file);
    if (own.length === 0)
      problems.push(
        `${file}: defines no policy; export one made with defineResourcePolicy or defineStackPolicy`,
      );
    else if (own.length > 1)
      problems.push(
        `${file}: defines ${own.length} policies (${own.map((policy) => policy.name).join(", ")}); one policy per file`,
      );
    else if (fileName(file) !== own[0].name)
      problems.push(
        `${file}: defines ${own[0].name}; name the file after its policy (${own[0].name}${path.extname(file)})`,
      );
  }
  for (const [policy, files] of filesOf) {
    if (files.length === 0) problems.push(`${policy.name}: defined, but exported by no policy file`);
    if (files.length > 1)
      problems.push(`${policy.name}: exported by ${files.join(" and ")}; one file per policy`);
  }
  const byPolicyName = new Map<string, string[]>();
  for (const [policy, files] of filesOf)
    byPolicyName.set(policy.name, [
      ...(byPolicyName.get(policy.name) ?? []),
      files.join(" and ") || "(no file)",
    ]);
  for (const [name, where] of byPolicyName)
    if (where.length > 1)
      problems.push(`${name}: ${where.length} policies have this name, in ${where.join(" and ")}`);
  if (problems.length > 0)
    throw new Error(
      `The pack's policies do not load:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
    );
  return [...filesOf.keys()].sort((a, b) => byName(a, b));
}

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
const fileName = (file: string): string => path.basename(file, path.extname(file));
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
