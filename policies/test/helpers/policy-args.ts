/**
 * Builds the arguments the policy SDK's Analyzer server hands a policy (@pulumi/policy 1.21
 * server.js), so unit tests exercise policies as `pulumi preview` does, without a PolicyPack:
 * - `props` (and the provider's) wrapped in the SDK's unknown-checking proxy, which throws
 *   `UnknownValueError` when a policy touches a value unknown during preview (`UNKNOWN`);
 * - `notApplicable` throws, and the throw is recorded as "not applicable", as the server does;
 * - `getConfig` returns the schema defaults overlaid with the test's config (what the CLI sends);
 * - `stackTags`, `opts` (with `protect`), `provider`, and for stack policies `parent`,
 *   `dependencies` and `propertyDependencies` linked to the resource objects.
 */
import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { setInternalErrorHandler } from "../../lib/policy";
import { unknownValue as UNKNOWN } from "@pulumi/pulumi/runtime/rpc";

export { UNKNOWN };

// Exported at runtime by @pulumi/policy 1.21, but not in its typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy") as {
  unknownCheckingProxy: <T extends object>(value: T) => T;
  UnknownValueError: new (...args: never[]) => Error;
};

/** One resource as a test describes it; everything but `type` and `props` has a default. */
export interface ResourceSpec {
  type: string;
  props: Record<string, unknown>;
  /** Logical name; defaults to the type's last segment in lower case. */
  name?: string;
  urn?: string;
  protect?: boolean;
  parent?: string;
  /** The resource's provider: its type (default `pulumi:providers:aws`) and its properties, JSON-encoded where the engine encodes them. */
  provider?: { type?: string; name?: string; props: Record<string, unknown> };
  /** Stack policies only. */
  dependencies?: string[];
  /** Stack policies only: property → URNs. */
  propertyDependencies?: Record<string, string[]>;
}

export interface ArgsOptions {
  /** Policy settings, overlaid on the schema defaults. */
  config?: Record<string, unknown>;
  stackTags?: Record<string, string>;
}

/** What running a policy produced, as the server would report it. */
export interface Outcome {
  violations: Array<{ message: string; urn?: string }>;
  notApplicable?: string;
  /** The server turns an `UnknownValueError` into an advisory "can't run during preview" diagnostic. */
  previewUnknown?: string;
}

class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function urnOf(spec: Pick<ResourceSpec, "type" | "name" | "urn">): string {
  return spec.urn ?? `urn:pulumi:test::policy-tests::${spec.type}::${nameOf(spec)}`;
}

function nameOf(spec: Pick<ResourceSpec, "type" | "name">): string {
  return spec.name ?? (spec.type.split(":").pop() ?? "resource").toLowerCase();
}

/** Properties as the server builds them: top-level `undefined` dropped, then the unknown-checking proxy. */
function proxied(props: Record<string, unknown>): Record<string, unknown> {
  const defined = Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
  return unknownCheckingProxy(defined);
}

function configGetter(
  policy: { configSchema?: { properties: Record<string, { default?: unknown }> } },
  options: ArgsOptions,
) {
  const defaults = Object.fromEntries(
    Object.entries(policy.configSchema?.properties ?? {})
      .filter(([, schema]) => schema.default !== undefined)
      .map(([key, schema]) => [key, schema.default]),
  );
  const config = { ...defaults, ...options.config };
  return <T extends object>() => structuredClone(config) as T;
}

function stackTagsOf(options: ArgsOptions): ReadonlyMap<string, string> {
  return new Map(Object.entries(options.stackTags ?? {}));
}

function optsOf(spec: ResourceSpec): PolicyResourceOptions {
  return {
    protect: spec.protect ?? false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(spec.parent ? { parent: spec.parent } : {}),
  };
}

function providerOf(spec: ResourceSpec): ResourceValidationArgs["provider"] {
  if (!spec.provider) return undefined;
  const type = spec.provider.type ?? "pulumi:providers:aws";
  const name = spec.provider.name ?? "default";
  return {
    type,
    name,
    urn: `urn:pulumi:test::policy-tests::${type}::${name}`,
    props: proxied(spec.provider.props),
  };
}

const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "Policy does not apply");
};

export function resourceArgs(
  policy: ResourceValidationPolicy,
  spec: ResourceSpec,
  options: ArgsOptions = {},
): ResourceValidationArgs {
  const type = spec.type;
  return {
    type,
    props: proxied(spec.props),
    urn: urnOf(spec),
    name: nameOf(spec),
    opts: optsOf(spec),
    provider: providerOf(spec),
    stackTags: stackTagsOf(options),
    isType: (resourceClass) => (resourceClass as unknown as { __pulumiType?: string }).__pulumiType === type,
    asType: () => undefined,
    getConfig: configGetter(policy, options),
    notApplicable: throwNotApplicable,
  };
}

export function stackArgs(
  policy: StackValidationPolicy,
  specs: readonly ResourceSpec[],
  options: ArgsOptions = {},
): StackValidationArgs {
  const resources = specs.map((spec): PolicyResource => {
    const type = spec.type;
    const props = proxied(spec.props);
    return {
      type,
      props,
      urn: urnOf(spec),
      name: nameOf(spec),
      opts: optsOf(spec),
      provider: providerOf(spec),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) =>
        (resourceClass as unknown as { __pulumiType?: string }).__pulumiType === type,
      asType: () => undefined,
    };
  });
  // As the server does: parent and dependencies become the resource objects (unknown URNs are dropped).
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  specs.forEach((spec, index) => {
    const resource = resources[index];
    if (spec.parent && byUrn.has(spec.parent)) resource.parent = byUrn.get(spec.parent);
    resource.dependencies = (spec.dependencies ?? []).flatMap((urn) => byUrn.get(urn) ?? []);
    for (const [property, urns] of Object.entries(spec.propertyDependencies ?? {})) {
      resource.propertyDependencies[property] = urns.flatMap((urn) => byUrn.get(urn) ?? []);
    }
  });
  return {
    resources,
    stackTags: stackTagsOf(options),
    getConfig: configGetter(policy, options),
    notApplicable: throwNotApplicable,
  };
}

/** Runs the policy's validations as the server does (including its type fast path). Internal errors throw. */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  args: ResourceValidationArgs,
): Promise<Outcome> {
  const outcome: Outcome = { violations: [] };
  const validations = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : policy.validateResource
      ? [policy.validateResource]
      : [];
  for (const validation of validations) {
    const pulumiType = (validation as { __pulumiType?: string }).__pulumiType;
    if (pulumiType && pulumiType !== args.type) {
      outcome.notApplicable = `Policy only applies to resources of type '${pulumiType}'`;
      continue;
    }
    await capture(outcome, () =>
      validation(args, (message, urn) => outcome.violations.push({ message, urn })),
    );
  }
  return outcome;
}

export async function runStackPolicy(
  policy: StackValidationPolicy,
  args: StackValidationArgs,
): Promise<Outcome> {
  const outcome: Outcome = { violations: [] };
  await capture(outcome, () =>
    policy.validateStack(args, (message, urn) => outcome.violations.push({ message, urn })),
  );
  return outcome;
}

async function capture(outcome: Outcome, run: () => void | Promise<void>): Promise<void> {
  // A rule's internal error must fail the test, not become a log line.
  const previous = setInternalErrorHandler((_policy, error) => {
    throw error;
  });
  try {
    await run();
  } catch (error) {
    if (error instanceof NotApplicable) outcome.notApplicable = error.reason;
    else if (error instanceof UnknownValueError) outcome.previewUnknown = error.message;
    else throw error;
  } finally {
    setInternalErrorHandler(previous);
  }
}
