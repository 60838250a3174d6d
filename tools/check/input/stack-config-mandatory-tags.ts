import { validateStackConfig } from "../../../src/config";
import type { InputError } from "../../../src/validation";
import type { PolicyPackConfig, PolicyPackInfo } from "../analyzer/policy-config";
import { readStackConfigFile } from "../../stack-config-file";

const setting = "mandatoryTags";

/**
 * The stack's `mandatoryTags` (its YAML value or the program's default), or undefined when the
 * stack file is missing or invalid: the check reports that itself, this only feeds the pack.
 */
export function stackMandatoryTags(projectDir: string, stack: string): string[] | undefined {
  const file = readStackConfigFile(projectDir, stack);
  if ("errors" in file) return undefined;
  const config = validateStackConfig(file.config, file.file);
  return "errors" in config ? undefined : config.config.mandatoryTags;
}

/**
 * One set of mandatory tags: the program requires the stack's `mandatoryTags` and the pack
 * judges with its own `mandatoryTags` setting, so the check hands the stack's list to every
 * policy that has the setting. A `--policy-config` that sets it wins, as it would for
 * `pulumi preview --policy-pack-config`, with a warning when the two lists differ.
 */
export function withStackMandatoryTags(
  config: PolicyPackConfig,
  info: PolicyPackInfo,
  stackTags: readonly string[] | undefined,
  stackFile: string,
  policyConfigFile: string,
): { config: PolicyPackConfig; warnings: InputError[] } {
  if (stackTags === undefined) return { config, warnings: [] };
  const result: PolicyPackConfig = { ...config };
  const warnings: InputError[] = [];
  const same = (tags: unknown) =>
    Array.isArray(tags) && tags.length === stackTags.length && stackTags.every((tag) => tags.includes(tag));
  for (const policy of info.policies) {
    if (!policy.configSchema?.properties[setting]) continue;
    const entry = config[policy.name] ?? { properties: {} };
    const configured = entry.properties[setting];
    if (configured === undefined) {
      result[policy.name] = { ...entry, properties: { ...entry.properties, [setting]: [...stackTags] } };
    } else if (!same(configured)) {
      warnings.push({
        file: policyConfigFile,
        path: `${policy.name}.${setting}`,
        message: `differs from ${stackFile}'s mandatoryTags (${stackTags.join(", ")}): the pack judges with ${(configured as string[]).join(", ")}`,
      });
    }
  }
  return { config: result, warnings };
}
