import type { InputError } from "../../../src/validation";
import type { RequestSink } from "../analyzer/stack-analysis";
import { StackEncoder } from "../analyzer/stack-encoder";
import { readStackExport } from "../input/stack-export";
import { type PlannedStack, concludePlan } from "./planned-stack";

/**
 * A stack export's plan: it cannot say which tenant files a stack leaves out, nor which tenant made
 * what, so it has no preflight. Made beside the Analyzer client (the program's plan is made in its
 * worker, program-worker.ts); its requests go to `sink` as the program's do.
 */
export function planStackExport(file: string, sink: RequestSink): PlannedStack | { errors: InputError[] } {
  const read = readStackExport(file);
  if ("errors" in read) return read;
  const encoder = new StackEncoder();
  encoder.addAll(read.resources, (urn, request) => sink.analyze(urn, request));
  return concludePlan(read.stack, read.resources, {}, encoder, (request) => sink.analyzeStack(request));
}
