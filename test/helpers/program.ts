import * as path from "node:path";
import type { PlannedResource } from "../../tools/check/plan/planned-resource";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { runProgram } from "../../tools/check/program/program-runner";
import { registeredUrns, waitForRPCs } from "../../tools/check/sdk-internals";
import { readStackConfigFile } from "../../tools/stack-config-file";
import { goJsonMarshal } from "../../tools/go-json";
import { formatInputError } from "../../src/validation";

export { statedTenantChildTypes, types } from "./types";

export const projectDir = path.resolve(__dirname, "../..");
export const project = "bedrock-cost-governance";
/**
 * The tenants program tests plan unless they name others: fixtures, not the shipped `tenants/`,
 * which tenant owners change in every onboarding PR (those are checked generically).
 */
export const fixtureTenantsDir = path.join(projectDir, "test/fixtures/tenants");

export interface RunOptions {
  /** The flat config to run with; defaults to the real `Pulumi.<stack>.yaml`. */
  config?: Record<string, string>;
  /** Keys set on top of it (`bedrock-cost-governance:` added when a key has no namespace; non-strings JSON-encoded). */
  set?: Record<string, unknown>;
  /** Shorthand for `set: { tenantsDir }`: an absolute directory of tenant files (default: the fixture tenants). */
  tenantsDir?: string;
}

/** The registrations of one run, indexed for the questions tests ask (not the check's `PlanSummary`). */
export class RegisteredResources {
  private readonly byKey = new Map<string, PlannedResource[]>();
  private readonly byUrn = new Map<string, PlannedResource>();

  constructor(
    readonly stack: string,
    readonly resources: readonly PlannedResource[],
    readonly outputs: Record<string, unknown>,
  ) {
    for (const resource of resources) {
      const key = `${resource.type}::${resource.name}`;
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), resource]);
      this.byUrn.set(resource.urn, resource);
    }
  }

  /** Resources of a type, by logical name: registrations complete in no fixed order. */
  byType(type: string): PlannedResource[] {
    return this.resources
      .filter((resource) => resource.type === type)
      .sort((a, b) => byCodeUnits(a.name, b.name));
  }

  /** The one resource of that type and logical name; fails listing the names it has when there is not exactly one. */
  one(type: string, name: string): PlannedResource {
    const found = this.byKey.get(`${type}::${name}`) ?? [];
    if (found.length !== 1) {
      const names = this.byType(type).map((resource) => resource.name);
      throw new Error(
        `expected one ${type} named "${name}" in ${this.stack}, found ${found.length}; names of that type: ${names.join(", ") || "none"}`,
      );
    }
    return found[0];
  }

  has(type: string, name: string): boolean {
    return this.byKey.has(`${type}::${name}`);
  }

  resource(urn: string): PlannedResource {
    const found = this.byUrn.get(urn);
    if (!found) throw new Error(`no resource with URN ${urn} in ${this.stack}`);
    return found;
  }

  /** Children of a resource, by type and logical name. */
  childrenOf(urn: string): PlannedResource[] {
    return this.resources
      .filter((resource) => resource.parent === urn)
      .sort((a, b) => byCodeUnits(a.type, b.type) || byCodeUnits(a.name, b.name));
  }

  /** The provider resource a resource was registered with (its reference is `<provider urn>::<provider id>`). */
  providerOf(resource: PlannedResource): PlannedResource {
    if (!resource.provider) throw new Error(`${resource.urn} was registered with no provider`);
    return this.resource(resource.provider.slice(0, resource.provider.lastIndexOf("::")));
  }

  /** `type::name` of every resource, sorted: the shape of a plan. */
  typeNames(filter: (resource: PlannedResource) => boolean = () => true): string[] {
    return this.resources
      .filter(filter)
      .map((resource) => `${resource.type}::${resource.name}`)
      .sort();
  }
}

/** The order of `Array.prototype.sort()`, so sorted expectations compare equal whatever the locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The flat config of `Pulumi.<stack>.yaml`, as the CLI hands it to the program. */
export function stackFileConfig(stack: string): Record<string, string> {
  const result = readStackConfigFile(projectDir, stack);
  if ("errors" in result) throw new Error(result.errors.map(formatInputError).join("\n"));
  return result.config;
}

export function configFor(stack: string, options: RunOptions = {}): Record<string, string> {
  const config = { ...(options.config ?? stackFileConfig(stack)) };
  const set = {
    ...options.set,
    tenantsDir: options.tenantsDir ?? options.set?.tenantsDir ?? fixtureTenantsDir,
  };
  for (const [key, value] of Object.entries(set)) {
    config[key.includes(":") ? key : `${project}:${key}`] =
      typeof value === "string" ? value : goJsonMarshal(value);
  }
  return config;
}

/**
 * Runs the real program (`index.ts`) for a stack under the AWS-shaped mocks (about half a second).
 * The runner reloads the project's modules on each call, so runs do not leak into each other.
 */
export async function planStack(stack: string, options: RunOptions = {}): Promise<RegisteredResources> {
  const run = await runProgram({ programDir: projectDir, project, stack, config: configFor(stack, options) });
  return new RegisteredResources(stack, run.resources, run.outputs);
}

export interface FailedRun {
  error: Error;
  /** URNs the mock monitor registered before the program stopped. */
  registeredUrns: string[];
}

/** Runs the program expecting it to stop; fails the test if it does not. */
export async function planStackFailure(stack: string, options: RunOptions = {}): Promise<FailedRun> {
  // The SDK rejects the stack's other pending outputs with the same error after the run's own
  // promise: they are that one failure, already reported here, so they are swallowed while it lasts.
  const swallow = (reason: unknown) => {
    if (!(reason instanceof Error && reason.name === "StackInputError")) throw reason;
  };
  process.on("unhandledRejection", swallow);
  try {
    await planStack(stack, options);
  } catch (error) {
    await waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
    // The runner returns its records only on success; the mock monitor (setMocks) keeps every registration.
    return { error: error as Error, registeredUrns: registeredUrns() };
  } finally {
    process.off("unhandledRejection", swallow);
  }
  throw new Error(`expected the ${stack} program to stop, but it ran`);
}

export interface ProviderSettings {
  region: string;
  /** The AWS profile the provider reads; the job maps it to a role (src/aws-profiles.ts). */
  profile: string;
  allowedAccountIds: string[];
  defaultTags: Record<string, string>;
}

/** An AWS provider's settings as the engine receives them (its non-string inputs arrive JSON-encoded). */
export function providerSettings(provider: PlannedResource): ProviderSettings {
  const decode = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);
  return {
    region: String(provider.inputs.region),
    profile: String(provider.inputs.profile),
    allowedAccountIds: decode(provider.inputs.allowedAccountIds) as string[],
    defaultTags: (decode(provider.inputs.defaultTags) as { tags: Record<string, string> }).tags,
  };
}

/**
 * An input's plaintext, whether or not it was sent as a secret (@pulumi/aws's `ssm.Parameter` marks
 * `value` secret; a resource class that does not sends it plain).
 */
export function plaintext(value: unknown): unknown {
  const wrapper = value as Record<string, unknown> | null;
  const isSecret =
    wrapper !== null && typeof wrapper === "object" && wrapper[specialSigKey] === specialSecretSig;
  return isSecret ? wrapper.value : value;
}
