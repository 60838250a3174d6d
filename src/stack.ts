import * as path from "node:path";
import { isDirectory } from "./directories";
import * as pulumi from "@pulumi/pulumi";
import { type ModelCatalog, stackCatalog } from "./catalog";
import { type StackConfig, validateStackConfig } from "./config";
import { projectName } from "./naming";
import { projectEnvironments, unknownEnvironmentErrors } from "./stack-environments";
import { type LeftOutTenant, leftOutTenants } from "./left-out-tenants";
import { type StackTenant, tenantsForStack } from "./stack-tenants";
import { thresholdWarnings } from "./stack-warnings";
import { type TenantLoadResult, loadTenants } from "./tenant-loader";
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
  /** Valid settings that cannot do their job (src/stack-warnings.ts). */
  warnings: InputError[];
  /** Valid tenant files this stack does not plan (`enabled: false`, another account's split stack). */
  leftOut: LeftOutTenant[];
}

/** Validates a flat Pulumi config map and the tenant files it points to; pure apart from reading files. */
export const validateStackInputs: ValidateStackInputs<StackInputs> = (
  flatConfig,
  configFile,
  baseDirectory,
) => {
  const read = readConfigAndTenants(flatConfig, configFile, baseDirectory, {
    validate: validateStackConfig,
    // Tenant files may name the stack's own models: they are read with the stack's catalog.
    catalog: (config) => stackCatalog(config.models),
  });
  if ("errors" in read) return read;
  const { config, loaded } = read;
  const environments = projectEnvironments(baseDirectory, config.environment);
  const resolved = tenantsForStack(loaded.tenants, config);
  const errors = [
    ...loaded.errors,
    ...unknownEnvironmentErrors(loaded.tenants, environments),
    ...resolved.errors,
  ];
  if (errors.length > 0) return { errors };
  return {
    config,
    tenants: resolved.tenants,
    warnings: thresholdWarnings(resolved.tenants),
    leftOut: leftOutTenants(loaded.tenants, config),
  };
};

/**
 * How a kind of stack validates its inputs: a flat Pulumi config map (structured values
 * JSON-encoded, as the CLI hands them over), the file it came from, and the directory its paths
 * are relative to.
 */
export type ValidateStackInputs<Inputs> = (
  flatConfig: Readonly<Record<string, string>>,
  configFile: string,
  baseDirectory: string,
) => Inputs | { errors: InputError[] };

/**
 * A program's inputs as Pulumi hands them over (the stack's flat config, run from the project
 * directory), validated by `validate`; its problems thrown as one `StackInputError`.
 */
export function programStackInputs<Inputs extends object>(validate: ValidateStackInputs<Inputs>): Inputs {
  const result = validate(pulumi.runtime.allConfig(), `Pulumi.${pulumi.getStack()}.yaml`, process.cwd());
  if ("errors" in result) throw new StackInputError(result.errors);
  return result as Inputs;
}

/**
 * The first steps of the environment stacks and the org stack alike: validate the stack's
 * config, find its tenants directory (a missing one is a config mistake) and load the tenant files.
 */
export function readConfigAndTenants<Config extends { tenantsDir: string }>(
  flatConfig: Readonly<Record<string, string>>,
  configFile: string,
  baseDirectory: string,
  steps: {
    validate: (
      flatConfig: Readonly<Record<string, string>>,
      configFile: string,
    ) => { config: Config } | { errors: InputError[] };
    /** The models the tenant files may name (default: the base catalog's). */
    catalog?: (config: Config) => ModelCatalog;
  },
): { config: Config; loaded: TenantLoadResult } | { errors: InputError[] } {
  const configResult = steps.validate(flatConfig, configFile);
  if ("errors" in configResult) return configResult;
  const { config } = configResult;
  const tenantsDirectory = path.resolve(baseDirectory, config.tenantsDir);
  const missing = missingTenantsDirectory(flatConfig, configFile, config.tenantsDir, tenantsDirectory);
  if (missing) return { errors: [missing] };
  return { config, loaded: loadTenants(tenantsDirectory, steps.catalog?.(config)) };
}

/** A tenants directory that does not exist, named as the YAML key that sets it (or would). */
function missingTenantsDirectory(
  flatConfig: Readonly<Record<string, string>>,
  configFile: string,
  tenantsDir: string,
  directory: string,
): InputError | undefined {
  if (isDirectory(directory)) return undefined;
  const key = `${projectName}:tenantsDir`;
  const written = key in flatConfig ? "" : ` (the default; set ${key} to change it)`;
  return { file: configFile, path: key, message: `no such directory "${tenantsDir}"${written}` };
}
