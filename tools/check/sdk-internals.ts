/**
 * The one place the check reaches into parts of `@pulumi/pulumi` that are not its public API.
 *
 * Running the real program under mocks fast, and starting the real policy pack without its type
 * check, needs a few of the SDK's internals. They are all here, each as a named hook with a
 * `verify` that test/unit/sdk-internals.test.ts runs: an SDK upgrade that moves or changes one fails
 * that test with the hook's name, instead of slowing or breaking the check somewhere else. The
 * protocol constants (sentinels, signatures) are not internals: they come from
 * `@pulumi/pulumi/runtime/rpc`, as `@pulumi/policy` imports them.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/* eslint-disable @typescript-eslint/no-require-imports -- the internals are untyped modules, loaded on use */
// The SDK itself too: the check's main thread only starts the pack (runPolicyPackDir) and never loads it.
const pulumi = () => require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
const settings = () =>
  require("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: () => Promise<void>; _reset?: () => void };
const debuggable = () => require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise?: unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

/** Resolves once every registration the program started has settled (`runtime/settings.waitForRPCs`). */
export function waitForRPCs(): Promise<void> {
  const wait = settings().waitForRPCs;
  if (typeof wait !== "function") throw hookMissing("runtime/settings.waitForRPCs");
  return wait();
}

/**
 * Lets go of everything a finished program holds: the SDK keeps the root stack (also as
 * `globalThis.stackResource`), every resource with its Outputs and the mock monitor's copy of each
 * state until the next run (`runtime/settings._reset`).
 */
export function releaseSdkState(): void {
  settings()._reset?.();
  (globalThis as { stackResource?: unknown }).stackResource = undefined;
}

/**
 * Every promise the SDK creates goes through `runtime/debuggable.debuggablePromise`, which stamps a
 * stack trace on it and tracks it in a set, to name leaked promises at exit. The check awaits every
 * registration itself, so that bookkeeping is only cost. The SDK calls it through its module object,
 * so replacing the export takes effect. Returns the function that puts it back.
 */
export function withoutPromiseLeakTracking(): () => void {
  const module = debuggable();
  const original = module.debuggablePromise;
  if (typeof original !== "function") return () => undefined;
  module.debuggablePromise = <T>(promise: Promise<T>) => promise;
  return () => {
    module.debuggablePromise = original;
  };
}

/* The generated protobuf request/response of RegisterResource; these are the getters the check reads. */
export interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getProvider(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
}
export interface RegisterResourceResponse {
  getUrn(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type RegisterCallback = (error: Error | null, response?: RegisterResourceResponse) => void;
interface Monitor {
  registerResource(request: RegisterResourceRequest, callback: RegisterCallback): void;
  getRegisteredResources?(): Map<string, unknown>;
  newUrn?(parent: string, type: string, name: string): string;
}

/**
 * Calls `listener` with every RegisterResource request the (mock) monitor answers, and its response,
 * before the SDK sees the response: the monitor's `registerResource(request, callback)`.
 */
export function onRegisterResource(
  listener: (request: RegisterResourceRequest, response: RegisterResourceResponse) => void,
): void {
  const monitor = pulumi().runtime.getMonitor() as unknown as Monitor;
  if (typeof monitor?.registerResource !== "function") throw hookMissing("monitor.registerResource");
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) =>
    register(request, (error, response) => {
      if (!error && response) listener(request, response);
      callback(error, response);
    });
}

/** The root stack's type token: the engine leaves it out of its children's URNs. */
const rootStackType = "pulumi:pulumi:Stack";

/**
 * A URN as the engine's `generateURN` forms it (pulumi/pulumi pkg/resource/deploy/deployment.go,
 * with `urn.New` in sdk/go/common/resource/urn/urn.go): the parent's whole qualified type, then
 * `$` and the resource's type, except under the root stack, whose type is left out. The SDK's
 * mock monitor instead keeps the parent's last type only, the root stack's included
 * (`pulumi:pulumi:Stack$pulumi:providers:aws::…`), URNs no `pulumi up` makes.
 */
export function engineUrn(
  stack: string,
  project: string,
  parent: string,
  type: string,
  name: string,
): string {
  const parentType = parent ? parent.split("::")[2] : "";
  const qualifiedType = parentType && parentType !== rootStackType ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/**
 * Makes the (mock) monitor of `setMocks` form URNs as the engine does (`MockMonitor.newUrn`, which
 * its registerResource and readResource call through `this`).
 */
export function withEngineUrns(stack: string, project: string): void {
  const monitor = pulumi().runtime.getMonitor() as unknown as Monitor;
  if (typeof monitor?.newUrn !== "function") throw hookMissing("MockMonitor.newUrn");
  monitor.newUrn = (parent, type, name) => engineUrn(stack, project, parent, type, name);
}

/** The URNs the mock monitor of `setMocks` registered so far (`MockMonitor.getRegisteredResources`). */
export function registeredUrns(): string[] {
  const monitor = pulumi().runtime.getMonitor() as unknown as Monitor;
  if (typeof monitor?.getRegisteredResources !== "function")
    throw hookMissing("MockMonitor.getRegisteredResources");
  return [...monitor.getRegisteredResources().keys()];
}

/** The type token a resource class registers (`__pulumiType`, a static every generated class has). */
export function pulumiTypeOf(resourceClass: unknown): string | undefined {
  const type = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof type === "string" ? type : undefined;
}

/**
 * The directory of `@pulumi/pulumi/cmd/run-policy-pack` as the CLI resolves it for a pack (from the
 * pack's own node_modules). tools/check/analyzer/ts-node-transpile-only.cjs resolves `ts-node` from
 * here and patches its `register`, which run-policy-pack calls with `typeCheck: true`.
 */
export function runPolicyPackDir(packDir: string): string {
  return path.dirname(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] }));
}

const hookMissing = (name: string) =>
  new Error(
    `SDK internal hook "${name}" is gone or changed in @pulumi/pulumi ${sdkVersion()}: see tools/check/sdk-internals.ts`,
  );

function sdkVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

function policySdkSource(file: string): string {
  return fs.readFileSync(require.resolve(`@pulumi/policy/${file}`), "utf8");
}

function sdkSource(file: string): string {
  return fs.readFileSync(require.resolve(`@pulumi/pulumi/${file}`), "utf8");
}

/** What each hook relies on, checked against the installed SDK (test/unit/sdk-internals.test.ts). */
export const sdkHooks: ReadonlyArray<{ name: string; verify(): void }> = [
  {
    name: "runtime/settings.waitForRPCs",
    verify: () => assertHook(typeof settings().waitForRPCs === "function", "runtime/settings.waitForRPCs"),
  },
  {
    name: "runtime/settings._reset",
    verify: () => assertHook(typeof settings()._reset === "function", "runtime/settings._reset"),
  },
  {
    name: "globalThis.stackResource",
    // The root stack is kept there as well as in the store `_reset` clears.
    verify: () =>
      assertHook(
        sdkSource("runtime/state.js").includes("globalThis.stackResource ="),
        "globalThis.stackResource",
      ),
  },
  {
    name: "runtime/debuggable.debuggablePromise",
    verify: () => {
      assertHook(
        typeof debuggable().debuggablePromise === "function",
        "runtime/debuggable.debuggablePromise",
      );
      // Replacing the export only works while callers go through the module object.
      assertHook(
        sdkSource("runtime/resource.js").includes("debuggable_1.debuggablePromise("),
        "runtime/debuggable.debuggablePromise",
      );
    },
  },
  {
    name: "monitor.registerResource",
    verify: () => {
      const monitor = mockMonitorPrototype();
      assertHook(
        typeof monitor?.registerResource === "function" && monitor.registerResource.length === 2,
        "monitor.registerResource",
      );
    },
  },
  {
    name: "MockMonitor.getRegisteredResources",
    verify: () =>
      assertHook(
        typeof mockMonitorPrototype()?.getRegisteredResources === "function",
        "MockMonitor.getRegisteredResources",
      ),
  },
  {
    name: "MockMonitor.newUrn",
    // Its registerResource and readResource call it through `this`, so an instance's own one is used.
    verify: () =>
      assertHook(
        typeof mockMonitorPrototype()?.newUrn === "function" &&
          (sdkSource("runtime/mocks.js").match(/this\.newUrn\(/g) ?? []).length >= 2,
        "MockMonitor.newUrn",
      ),
  },
  {
    name: "__pulumiType",
    verify: () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Topic } = require("@pulumi/aws/sns/topic") as { Topic: unknown };
      assertHook(pulumiTypeOf(Topic) === "aws:sns/topic:Topic", "__pulumiType");
    },
  },
  {
    name: "policy SDK reads an Analyze request's properties",
    // analyzer/pack-properties-once.cjs: the SDK reads them through these getters, and its
    // deserializer only reads what toJavaScript() returns, copying every object and array.
    verify: () => {
      const name = "policy SDK reads an Analyze request's properties";
      const server = policySdkSource("server.js");
      assertHook(server.includes("deserializeProperties(req.getProperties(), false)"), name);
      assertHook(server.includes("deserializeProperties(prov.getProperties(), false)"), name);
      const deserialize = policySdkSource("deserialize.js");
      assertHook(/const outputs = outputsStruct\.toJavaScript\(\);/.test(deserialize), name);
      assertHook(/const obj = \{\};\s*for \(const k of Object\.keys\(prop\)\)/.test(deserialize), name);
      assertHook(/const elems = \[\];/.test(deserialize), name);
    },
  },
  {
    name: "run-policy-pack ts-node registration",
    verify: () => {
      const run = fs.readFileSync(path.join(runPolicyPackDir(process.cwd()), "run.js"), "utf8");
      // It registers ts-node with a type check, from the ts-node tsutils resolves like a plain require.
      const name = "run-policy-pack ts-node registration";
      assertHook(/tsn\.register\(\{\s*typeCheck: true/.test(run), name);
      assertHook(sdkSource("tsutils.js").includes('let tsnodeRequire = "ts-node"'), name);
    },
  },
];

/** The prototype of the mock monitor `setMocks` installs (`runtime/mocks.MockMonitor`). */
function mockMonitorPrototype(): Monitor | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/pulumi/runtime/mocks") as { MockMonitor?: { prototype: Monitor } }).MockMonitor
    ?.prototype;
}

function assertHook(ok: boolean, name: string): void {
  if (!ok) throw hookMissing(name);
}
