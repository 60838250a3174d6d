import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { PlannedResource } from "../plan/planned-resource";
import {
  type RegisterResourceRequest,
  type Registered,
  onRegisterResource,
  releaseSdkState,
  waitForRPCs,
  withEngineUrns,
  withoutPromiseLeakTracking,
} from "../sdk-internals";
import { AwsMocks } from "./aws-mocks";

export interface ProgramRun {
  resources: PlannedResource[];
  /** Stack outputs as plain values. */
  outputs: Record<string, unknown>;
}

export interface ProgramRunOptions {
  /** Directory holding the program's `index.ts` (the project directory). */
  programDir: string;
  project: string;
  stack: string;
  /** Flat Pulumi config (`namespace:key` → string; structured values JSON-encoded), as the CLI passes it. */
  config: Record<string, string>;
  /** Called with each resource as soon as its registration completes (to stream it to the policy pack). */
  onResource?: (resource: PlannedResource) => void;
  /**
   * The program to run, its inputs already validated (the check's worker: `deploy(inputs)`). Without
   * it, the project's `index.ts` runs as the language host runs it, validating its own inputs.
   */
  program?: () => Promise<unknown>;
}

/**
 * Runs the real program under Pulumi's mocks, as the language host would run it inside a
 * root `pulumi:pulumi:Stack`, and records every registration exactly as the engine receives
 * it: inputs, parent, provider reference, protect flag and (property) dependencies.
 */
export async function runProgram(options: ProgramRunOptions): Promise<ProgramRun> {
  if (!options.program) forgetProjectModules(options.programDir);
  await pulumi.runtime.setMocks(new AwsMocks(), options.project, options.stack, false);
  withEngineUrns(options.stack, options.project);
  pulumi.runtime.setAllConfig(options.config);
  const resources: PlannedResource[] = [];
  onRegisterResource((request, registered) => {
    const resource = toPlannedResource(request, registered);
    resources.push(resource);
    options.onResource?.(resource);
  });

  const indexPath = path.join(options.programDir, "index.ts");
  const restoreStackTraces = withoutStackTraces();
  try {
    const outputs = await pulumi.runtime.runInPulumiStack(async () => {
      if (options.program) return options.program();
      // As the Node language host does: a program that exports a function is called and awaited.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const programExport: unknown = require(indexPath);
      return typeof programExport === "function" ? await programExport() : programExport;
    });
    await waitForRPCs();
    return { resources, outputs: (outputs ?? {}) as Record<string, unknown> };
  } finally {
    restoreStackTraces();
  }
}

/**
 * The SDK reads `new Error().stack` for every promise it tracks (leak diagnostics) and for every
 * resource (its source position, with an unlimited trace depth). With source maps on, each read
 * maps every frame back to TypeScript: most of a large plan's time and memory went there. The
 * check needs neither, so while the program runs, stacks are not formatted at all.
 */
function withoutStackTraces(): () => void {
  const restoreDebuggable = withoutPromiseLeakTracking();
  const { prepareStackTrace, stackTraceLimit } = Error;
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  Error.stackTraceLimit = 0;
  Error.prepareStackTrace = (error: Error) => `${error.name}: ${error.message}`;
  return () => {
    restoreDebuggable();
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
    process.setSourceMapsEnabled(sourceMaps);
  };
}

/**
 * Lets go of everything the finished program holds (see `releaseSdkState`). The recorded resources
 * are all the check needs, and a thousand tenants' worth of SDK objects would otherwise be traced
 * by every garbage collection while the pack judges them.
 */
export function releaseProgram(): void {
  releaseSdkState();
}

function toPlannedResource(request: RegisterResourceRequest, registered: Registered): PlannedResource {
  const propertyDependencies: Record<string, string[]> = {};
  request.getPropertydependenciesMap().forEach((value, key) => {
    propertyDependencies[key] = value.getUrnsList();
  });
  return {
    urn: registered.urn,
    type: request.getType(),
    name: request.getName(),
    inputs: registered.inputs,
    outputs: registered.outputs,
    parent: request.getParent() || undefined,
    provider: request.getProvider() || undefined,
    protect: request.getProtect(),
    retainOnDelete: request.getRetainondelete(),
    dependencies: request.getDependenciesList(),
    propertyDependencies,
    custom: request.getCustom(),
  };
}

/** Lets the program run again in the same process (tests): project modules are loaded afresh, packages are kept. */
function forgetProjectModules(programDir: string): void {
  const root = path.resolve(programDir) + path.sep;
  for (const file of Object.keys(require.cache)) {
    if (
      file.startsWith(root) &&
      !file.includes(`${path.sep}node_modules${path.sep}`) &&
      !file.includes(`${path.sep}tools${path.sep}check${path.sep}`)
    ) {
      delete require.cache[file];
    }
  }
}
