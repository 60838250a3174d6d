/**
 * The check's hooks into the mock monitor of `@pulumi/pulumi`'s `setMocks` (`runtime/mocks.MockMonitor`),
 * which the program's run under mocks registers through: what each registration carried, URNs as
 * the engine forms them, the URNs registered. Like sdk-internals.ts (which lists these hooks with
 * its own), each is a named hook that test/unit/check/sdk-internals.test.ts verifies.
 */
import { assertHook, hookMissing, sdkSource } from "./sdk-hook";
import { structRoundTrip } from "./program/struct-round-trip";

/* eslint-disable @typescript-eslint/no-require-imports -- the internals are untyped modules, loaded on use */
const pulumi = () => require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
const rpc = () => require("@pulumi/pulumi/runtime/rpc") as typeof import("@pulumi/pulumi/runtime/rpc");
/* eslint-enable @typescript-eslint/no-require-imports */

/* The generated protobuf request of RegisterResource; these are the getters the check reads. */
export interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getProvider(): string;
  getImportid(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
}
/** What the mock monitor answered a registration, as plain JSON (shared: not to be changed). */
export interface Registered {
  urn: string;
  /** The request's properties (`getObject().toJavaScript()`). */
  inputs: Record<string, unknown>;
  /** The state the mocks gave, as the SDK reads it back from the response's Struct. */
  outputs: Record<string, unknown>;
}
type RegisterCallback = (error: unknown, response?: unknown) => void;
interface Monitor {
  registerResource(request: RegisterResourceRequest, callback: RegisterCallback): void;
  getRegisteredResources?(): Map<string, unknown>;
  newUrn(parent: string, type: string, name: string): string;
  mocks: import("@pulumi/pulumi").runtime.Mocks;
  resources: Map<string, { urn: string; id: string | null; state: unknown }>;
}

/**
 * Calls `listener` with every RegisterResource request the mock monitor of `setMocks` answers, and
 * what it answered, before the SDK sees the answer. The monitor's `registerResource` is done here
 * as `runtime/mocks.MockMonitor` does it (the hook "MockMonitor.registerResource" holds the two
 * alike), but its answer is plain JSON instead of a protobuf Struct: the SDK only converts it back
 * (`deserializeProperties` → `toJavaScript`) and prints it into a debug log line it drops, and the
 * check read it once more. At 1,000 tenants, building, printing and reading those Structs took
 * about a seventh of the program worker's CPU.
 */
export function onRegisterResource(
  listener: (request: RegisterResourceRequest, registered: Registered) => void,
): void {
  const monitor = pulumi().runtime.getMonitor() as unknown as Monitor;
  if (typeof monitor?.registerResource !== "function" || !(monitor.resources instanceof Map))
    throw hookMissing("MockMonitor.registerResource");
  monitor.registerResource = async (request, callback) => {
    try {
      const inputs = request.getObject()?.toJavaScript() ?? {};
      const result = await monitor.mocks.newResource({
        type: request.getType(),
        name: request.getName(),
        inputs: rpc().deserializeProperties({ toJavaScript: () => inputs } as never),
        provider: request.getProvider(),
        custom: request.getCustom(),
        id: request.getImportid(),
      });
      const urn = monitor.newUrn(request.getParent(), request.getType(), request.getName());
      const state = await rpc().serializeProperties("", result.state);
      monitor.resources.set(urn, { urn, id: result.id ?? null, state });
      const outputs = structRoundTrip(state);
      listener(request, { urn, inputs, outputs });
      const id = result.id || "";
      // RegisterResourceResponse's getters the SDK reads (runtime/resource.js); Result 0 is SUCCESS.
      const response = { getUrn: () => urn, getId: () => id, getResult: () => 0 };
      callback(null, {
        ...response,
        getObject: () => ({ toJavaScript: () => outputs }),
        getPropertydependenciesMap: () => undefined,
      });
    } catch (error) {
      callback(error, undefined);
    }
  };
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

/** What the mock monitor hooks rely on, checked against the installed SDK. */
export const mockMonitorHooks: ReadonlyArray<{ name: string; verify(): void }> = [
  {
    name: "MockMonitor.registerResource",
    // onRegisterResource does what MockMonitor.registerResource does, statement for statement.
    verify: () => {
      const source = String(mockMonitorPrototype()?.registerResource).replace(/\s+/g, " ");
      const name = "MockMonitor.registerResource";
      for (const statement of [
        "const result = await this.mocks.newResource({ type: req.getType(), name: req.getName(), inputs: rpc_1.deserializeProperties(req.getObject()), provider: req.getProvider(), custom: req.getCustom(), id: req.getImportid(), });",
        "const urn = this.newUrn(req.getParent(), req.getType(), req.getName());",
        'const serializedState = await rpc_1.serializeProperties("", result.state);',
        "this.resources.set(urn, { urn, id: result.id ?? null, state: serializedState });",
        'response.setUrn(urn); response.setId(result.id || ""); response.setObject(structproto.Struct.fromJavaScript(serializedState)); callback(null, response);',
      ])
        assertHook(source.includes(statement), name);
      // The SDK's reading of the answer: its getters, and the Struct only through deserializeProperties.
      const resource = sdkSource("runtime/resource.js");
      for (const read of [
        "resp.getObject(), deps",
        "resp.getResult()",
        "resp.getId()",
        "resp.getPropertydependenciesMap()",
      ])
        assertHook(resource.includes(read), name);
      assertHook(/const outputs = outputsStruct\.toJavaScript\(\);/.test(sdkSource("runtime/rpc.js")), name);
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
];

/** The prototype of the mock monitor `setMocks` installs (`runtime/mocks.MockMonitor`). */
function mockMonitorPrototype(): Monitor | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/pulumi/runtime/mocks") as { MockMonitor?: { prototype: Monitor } }).MockMonitor
    ?.prototype;
}
