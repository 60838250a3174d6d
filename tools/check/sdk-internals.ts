/**
 * The one place the check reaches into parts of `@pulumi/pulumi` that are not its public API (with
 * sdk-mock-monitor.ts for the mock monitor's, re-exported here; sdk-hook.ts reads the SDKs' sources).
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
import { assertHook, hookMissing, policySdkSource, sdkSource } from "./sdk-hook";
import { mockMonitorHooks } from "./sdk-mock-monitor";

export {
  type RegisterResourceRequest,
  type Registered,
  engineUrn,
  onRegisterResource,
  registeredUrns,
  withEngineUrns,
} from "./sdk-mock-monitor";

/* eslint-disable @typescript-eslint/no-require-imports -- the internals are untyped modules, loaded on use */
// Loaded on use: the check's main thread only starts the pack (runPolicyPackDir) and never loads the SDK.
const settings = () =>
  require("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: () => Promise<void>; _reset?: () => void };
const debuggable = () => require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise?: unknown };
const analyzerService = () =>
  require("@pulumi/pulumi/proto/analyzer_grpc_pb") as {
    AnalyzerService?: Record<"analyze" | "analyzeStack", { requestDeserialize?: unknown } | undefined>;
  };
const stackReader = () =>
  require("./analyzer/pack-lazy-requests.cjs") as {
    readAnalyzeRequest(bytes: Uint8Array): { getOptions(): object } | undefined;
    readStackRequest(bytes: Uint8Array): { getResourcesList(): Array<{ getOptions(): object }> } | undefined;
  };
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

/** What each hook relies on, checked against the installed SDK (test/unit/sdk-internals.test.ts). */
export const sdkHooks: ReadonlyArray<{ name: string; verify(): void }> = [
  ...mockMonitorHooks,
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
    name: "__pulumiType",
    verify: () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Topic } = require("@pulumi/aws/sns/topic") as { Topic: unknown };
      assertHook(pulumiTypeOf(Topic) === "aws:sns/topic:Topic", "__pulumiType");
    },
  },
  {
    name: "policy SDK reads an Analyze request's properties",
    // analyzer/pack-lazy-requests.cjs: the SDK reads them through these getters, and its
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
    name: "policy SDK reads Analyzer requests",
    // analyzer/pack-lazy-requests.cjs answers the getters the SDK calls on an Analyze request (`req.`
    // in makeAnalyzeRpcFun and makeRemediateRpcFun), on a stack's resources, their options and
    // providers (`r.`, `opts.`, `prov.` in server.js), the requests reaching the SDK through the
    // AnalyzerService's requestDeserialize.
    verify: () => {
      const name = "policy SDK reads Analyzer requests";
      // A resource with empty options (options = 5), alone and as AnalyzeStack's (resources = 1).
      const request = stackReader().readAnalyzeRequest(new Uint8Array([42, 0]));
      const [resource] =
        stackReader()
          .readStackRequest(new Uint8Array([10, 2, 42, 0]))
          ?.getResourcesList() ?? [];
      const answered = (message?: { getOptions(): object }) =>
        new Set([...Object.keys(message ?? {}), ...Object.keys(message?.getOptions() ?? {})]);
      const server = policySdkSource("server.js");
      for (const [, getter] of server.matchAll(/\b(?:r|opts|prov)\.(get\w+)\(/g))
        assertHook(answered(resource).has(getter) && answered(request).has(getter), name);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const handlers = require("@pulumi/policy/server") as Record<string, unknown>;
      for (const handler of ["makeAnalyzeRpcFun", "makeRemediateRpcFun"])
        for (const [, getter] of String(handlers[handler]).matchAll(/\breq\.(get\w+)\(/g))
          assertHook(answered(request).has(getter), name);
      assertHook(server.includes("const resources = req.getResourcesList();"), name);
      const service = analyzerService().AnalyzerService;
      for (const method of [service?.analyze, service?.analyzeStack])
        assertHook(typeof method?.requestDeserialize === "function", name);
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
