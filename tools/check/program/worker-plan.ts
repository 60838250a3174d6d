/**
 * The program worker's side (see program-worker.ts): validate the inputs (the one validation of a
 * check run), run the program on them, encode each registration's Analyzer requests as it comes and
 * post the Analyze ones to the main thread, then the AnalyzeStack request's bytes, then the
 * concluded plan (planned-stack.ts).
 */
import { type ProgramInputs, deploy } from "../../../src/deploy";
import { validateProgramInputs } from "../../../src/program-inputs";
import type { InputError } from "../../../src/validation";
import { StackEncoder } from "../analyzer/stack-encoder";
import { type PlanInputs, type PlannedStack, concludePlan } from "./planned-stack";
import { type ProgramRunOptions, releaseProgram, runProgram } from "./program-runner";

export interface WorkerPlanOptions extends Omit<ProgramRunOptions, "onResource"> {
  /** The stack config file the config came from, as errors name it (`Pulumi.<stack>.yaml`). */
  configFile: string;
}

/** Analyze requests of one turn of the worker's event loop, in one buffer (`ends`: where each stops). */
export interface AnalyzeBatch {
  urns: string[];
  ends: number[];
  bytes: Uint8Array;
}

/** What the main thread needs of the validated inputs before the plan: the pack's configuration. */
export interface ValidatedInputs {
  /** An environment stack's `mandatoryTags` (none for the org stack, whose pack keeps its own). */
  mandatoryTags?: string[];
}

export type WorkerMessage =
  | { validated: ValidatedInputs }
  | { analyze: AnalyzeBatch }
  | { analyzeStack: Uint8Array }
  | { errors: InputError[] }
  | { planned: PlannedStack }
  | { failed: { name: string; message: string } };

type Post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => void;

/** Plans the stack of `options` in this thread and posts what the main thread needs of it. */
export async function planStack(options: WorkerPlanOptions, post: Post): Promise<void> {
  const inputs = validateProgramInputs(options.config, options.configFile, options.programDir);
  if ("errors" in inputs) return post({ errors: inputs.errors });
  post({ validated: { mandatoryTags: "scope" in inputs ? undefined : inputs.config.mandatoryTags } });
  const encoder = new StackEncoder();
  const batch = batcher(post);
  const run = await runProgram({
    ...options,
    program: () => deploy(inputs),
    onResource: (resource) => {
      const request = encoder.add(resource);
      if (request) batch.add(resource.urn, request);
    },
  });
  batch.flush();
  // The SDK's objects are done with: the preflight and the summaries reuse their heap instead of growing it.
  releaseProgram();
  const planned = concludePlan(options.stack, run.resources, planInputs(inputs), encoder, (request) => {
    const bytes = ownBuffer(request);
    post({ analyzeStack: bytes }, [bytes.buffer as ArrayBuffer]);
  });
  post({ planned });
}

/** `bytes` in an ArrayBuffer of their own: a small Buffer shares node's pool, which must not be moved. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/**
 * What the plan needs of the inputs. Validated before the program runs, bad input is reported as
 * data (exit 2): the program's own StackInputError would also reach the SDK's root stack, which
 * leaves it behind as an unhandled rejection. The org stack's resources come from every
 * environment's tenants (its preflight names resources); an org stack plans no tenant of its own,
 * so it leaves none out.
 */
function planInputs(inputs: ProgramInputs): PlanInputs {
  if ("scope" in inputs)
    return {
      tenants: inputs.environments.flatMap((environment) => environment.tenants),
      leftOut: [],
      warnings: [],
    };
  return { tenants: inputs.tenants, leftOut: inputs.leftOut, warnings: inputs.warnings };
}

/** Collects Analyze requests and posts them once per turn of the event loop, moved, not copied. */
function batcher(post: Post) {
  let urns: string[] = [];
  let requests: Uint8Array[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (urns.length === 0) return;
    const ends: number[] = [];
    let length = 0;
    for (const request of requests) ends.push((length += request.byteLength));
    const bytes = new Uint8Array(length);
    requests.forEach((request, index) => bytes.set(request, index === 0 ? 0 : ends[index - 1]));
    post({ analyze: { urns, ends, bytes } }, [bytes.buffer]);
    urns = [];
    requests = [];
  };
  return {
    add(urn: string, request: Uint8Array) {
      urns.push(urn);
      requests.push(request);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
