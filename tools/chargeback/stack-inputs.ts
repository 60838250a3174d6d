import * as path from "node:path";
import type { StackConfig } from "../../src/config";
import { projectName } from "../../src/naming";
import { validateStackInputs } from "../../src/stack";
import type { StackTenant } from "../../src/stack-tenants";
import type { InputError } from "../../src/validation";
import { readStackConfigFile } from "../stack-config-file";

/**
 * The stack's config and tenants, read and validated exactly as the check reads them (same stack
 * file reader, same `validateStackInputs`), so bad input fails here as it fails there.
 */
export function loadStackInputs(
  projectDir: string,
  stack: string,
  tenantsDir?: string,
): { config: StackConfig; tenants: StackTenant[] } | { errors: InputError[] } {
  const stackFile = readStackConfigFile(projectDir, stack);
  if ("errors" in stackFile) return stackFile;
  const flat = { ...stackFile.config };
  if (tenantsDir !== undefined) flat[`${projectName}:tenantsDir`] = path.resolve(tenantsDir);
  return validateStackInputs(flat, stackFile.file, projectDir);
}
