import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { didYouMean } from "./did-you-mean";
import { projectName } from "./naming";
import type { LoadedTenant } from "./tenant-loader";
import type { InputError } from "./validation";

const environmentKey = `${projectName}:environment`;

/**
 * The environments of every stack of the project (`environment` of each `Pulumi.*.yaml`), plus the
 * current one. A tenant's `environments.<name>` override must name one of them: a misspelt key
 * (`dve:`) would otherwise be ignored and the dev budget silently stay what it was.
 */
export function projectEnvironments(projectDir: string, current: string): Set<string> {
  const environments = new Set([current]);
  let names: string[];
  try {
    names = fs.readdirSync(projectDir).filter((name) => /^Pulumi\.[^.]+\.yaml$/.test(name));
  } catch {
    return environments;
  }
  for (const name of names) {
    try {
      const config = (parse(fs.readFileSync(path.join(projectDir, name), "utf8")) as { config?: unknown })
        ?.config;
      const environment = (config as Record<string, unknown> | undefined)?.[environmentKey];
      if (typeof environment === "string") environments.add(environment);
    } catch {
      // A stack file that does not parse is reported when that stack is used, not here.
    }
  }
  return environments;
}

/** Each override key that names no environment of the project, with a did-you-mean. */
export function unknownEnvironmentErrors(
  tenants: readonly LoadedTenant[],
  environments: ReadonlySet<string>,
): InputError[] {
  const known = [...environments].sort();
  const errors: InputError[] = [];
  for (const { file, definition } of tenants) {
    for (const key of Object.keys(definition.environments ?? {})) {
      if (environments.has(key)) continue;
      const hint = didYouMean(key, known) || ` (the stacks' environments: ${known.join(", ")})`;
      errors.push({ file, path: `environments.${key}`, message: `no stack has environment "${key}"${hint}` });
    }
  }
  return errors;
}
