import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { useStackModels } from "./catalog";
import { type StackConfig, validateStackConfig } from "./config";
import { type LeftOutTenant, leftOutTenants } from "./left-out-tenants";
import { type StackTenant, tenantsForStack } from "./stack-tenants";
import { loadTenants } from "./tenant-loader";
import { type InputError, formatInputError } from "./validation";

/**
 * Invalid tenants or config stop the program before one resource is registered. A `RunError`
 * makes Pulumi print the listed problems without a stack trace.
 */
export class StackInputError extends pulumi.RunError {
  constructor(readonly errors: InputError[]) {
    super(
      `${errors.length} problem${errors.length === 1 ? "" : "s"} in the stack config or tenant files:\n${errors.map(formatInputError).join("\n")}`,
    );
    this.name = "StackInputError";
  }
}

export interface StackInputs {
  config: StackConfig;
  tenants: StackTenant[];
  /** Valid tenant files this stack does not plan (`enabled: false`, another account's split stack). */
  leftOut: LeftOutTenant[];
}

/** Validates a flat Pulumi config map and the tenant files it points to; pure apart from reading files. */
export function validateStackInputs(
  flatConfig: Readonly<Record<string, string>>,
  configFile: string,
  baseDirectory: string,
): StackInputs | { errors: InputError[] } {
  const configResult = validateStackConfig(flatConfig, configFile);
  if ("errors" in configResult) return configResult;
  const { config } = configResult;
  // Tenant files may name the stack's own models: the catalog knows them before the files are read.
  useStackModels(config.models);
  const loaded = loadTenants(path.resolve(baseDirectory, config.tenantsDir));
  const resolved = tenantsForStack(loaded.tenants, config);
  const errors = [...loaded.errors, ...resolved.errors];
  return errors.length > 0
    ? { errors }
    : { config, tenants: resolved.tenants, leftOut: leftOutTenants(loaded.tenants, config) };
}

/** The program's one way in: this stack's config and tenants, or a `StackInputError` listing every problem. */
export function loadStack(): StackInputs {
  const result = validateStackInputs(
    pulumi.runtime.allConfig(),
    `Pulumi.${pulumi.getStack()}.yaml`,
    process.cwd(),
  );
  if ("errors" in result) throw new StackInputError(result.errors);
  return result;
}
