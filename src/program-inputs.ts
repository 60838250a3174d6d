import * as pulumi from "@pulumi/pulumi";
import type { ProgramInputs } from "./deploy";
import { stackScopeOf } from "./org-config";
import { validateOrgInputs } from "./org-stack";
import { type ValidateStackInputs, programStackInputs, validateStackInputs } from "./stack";
import { formatInputError } from "./validation";

/**
 * Validates any stack's inputs, the kind chosen by its config (`scope: organization` is the org
 * stack): the stack config and every tenant file, read and checked once. Pure apart from reading
 * files; the program (index.ts) and the offline check both come in here.
 */
export const validateProgramInputs: ValidateStackInputs<ProgramInputs> = (
  flatConfig,
  configFile,
  baseDirectory,
) =>
  stackScopeOf(flatConfig) === "organization"
    ? validateOrgInputs(flatConfig, configFile, baseDirectory)
    : validateStackInputs(flatConfig, configFile, baseDirectory);

/**
 * The program's way in under `pulumi up`: this stack's inputs, or a `StackInputError` listing every
 * problem (Pulumi prints it without a stack trace). Valid settings that cannot do their job are
 * warnings on the engine's log.
 */
export function loadProgramInputs(): ProgramInputs {
  const inputs = programStackInputs(validateProgramInputs);
  if ("warnings" in inputs)
    for (const warning of inputs.warnings) void pulumi.log.warn(formatInputError(warning));
  return inputs;
}
