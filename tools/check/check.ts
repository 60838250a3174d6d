import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { projectName } from "../../src/naming";
import type { InputError } from "../../src/validation";
import { type PackStart, PolicyPackHost } from "./analyzer/policy-pack-host";
import { parsePolicyConfig } from "./analyzer/policy-config";
import type { RequestSink, StackAnalysis } from "./analyzer/stack-analysis";
import { loadLater } from "./performance";
import type { PlannedStack } from "./program/planned-stack";
import { planInWorker } from "./program/program-worker";
import type { ValidatedInputs } from "./program/worker-plan";
import type { CheckReport } from "./report/check-report";
import type { PolicyPackConfig, PolicyPackInfo } from "./analyzer/policy-config";
import { readStackConfigFile } from "../stack-config-file";
import { stackMandatoryTags, withStackMandatoryTags } from "./input/stack-config-mandatory-tags";

export interface CheckOptions {
  /** The Pulumi project directory (holds Pulumi.yaml, Pulumi.<stack>.yaml, index.ts). */
  projectDir: string;
  /** The policy pack directory. */
  packDir: string;
  stack: string;
  /** Tenant directory replacing the stack's `tenantsDir`. */
  tenantsDir?: string;
  /** A `pulumi stack export` to judge instead of running the program. */
  stateFile?: string;
  /** JSON in the format of `pulumi --policy-pack-config`. */
  policyConfigFile?: string;
  /** The pack of `packDir`, already starting (the CLI starts it before it loads the program's modules). */
  packStarting?: PackStart;
  /** Told each phase and its count, for the CLI's progress line (tools/progress.ts). */
  onProgress?: (phase: string, count?: number, noun?: string) => void;
}

/**
 * The offline equivalent of `pulumi preview --policy-pack policies`: validate the inputs, plan
 * (the real program under mocks, or a stack export), and have the real policy pack judge it over
 * the Analyzer protocol. Bad input comes back as `errors`, never as an exception.
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const report = (partial: Partial<CheckReport> & Pick<CheckReport, "stack" | "source">): CheckReport => ({
    resources: [],
    violations: [],
    errors: [],
    policies: [],
    // performance.now() counts from process start: the time includes start-up, as a user waits for it.
    durationMs: performance.now(),
    ...partial,
  });
  const source = options.stateFile ? "state" : "program";

  // The pack starts (a second Node process) while the plan is built, and judges each resource as
  // soon as the program has registered it: the program keeps one core, the pack the other.
  const pack = options.packStarting ?? PolicyPackHost.starting({ packDir: options.packDir });
  const hostStarting = pack.host;
  try {
    const policyConfig = options.policyConfigFile
      ? readPolicyConfigFile(options.policyConfigFile)
      : { config: {} };
    if ("errors" in policyConfig)
      return report({ stack: options.stack, source, errors: policyConfig.errors });

    // The stack's mandatoryTags, for the pack: the program's worker says them once it has validated
    // the stack (the check's one validation); for a stack export, the stack file is read here.
    let stackTagsKnown: (tags: string[] | undefined) => void = () => undefined;
    const stackTags = new Promise<string[] | undefined>((resolve) => (stackTagsKnown = resolve));
    if (options.stateFile) stackTagsKnown(stackMandatoryTags(options.projectDir, options.stack));
    const stream = streamTo(
      hostStarting,
      policyConfig.config,
      options.policyConfigFile ?? "",
      async (config, info) =>
        withStackMandatoryTags(
          config,
          info,
          await stackTags,
          `Pulumi.${options.stack}.yaml`,
          options.policyConfigFile ?? "",
        ),
    );
    const progress = options.onProgress ?? (() => undefined);
    let registered = 0;
    // The pack's sink, counting the resources as they come, for the progress line.
    const sink: RequestSink = {
      analyze: (urn, request) => {
        progress("planning", ++registered, "resources");
        stream.sink.analyze(urn, request);
      },
      analyzeStack: (request) => stream.sink.analyzeStack(request),
    };
    progress(options.stateFile ? "reading the stack export" : "loading the program");
    const planStartedAt = performance.now();
    const planned = options.stateFile
      ? loadLater.stackExportPlan().planStackExport(options.stateFile, sink)
      : await planProgram(options, sink, (validated) => stackTagsKnown(validated.mandatoryTags));
    stackTagsKnown(undefined);
    const planMs = performance.now() - planStartedAt;
    if ("errors" in planned) return report({ stack: options.stack, source, errors: planned.errors });
    // What AWS would refuse, or accept and not deliver, stops the check like bad input (exit 2).
    if (planned.refused.length > 0) return report({ stack: planned.stack, source, errors: planned.refused });

    progress("judging", planned.resources.length, "resources");
    const host = await hostStarting;
    const ready = await stream.ready;
    if ("errors" in ready) return report({ stack: planned.stack, source, errors: ready.errors });
    const violations = await ready.judgement.finish(planned.resources.length);
    return report({
      stack: planned.stack,
      source,
      resources: planned.resources,
      plan: planned.plan,
      org: planned.org,
      violations,
      warnings: [...ready.warnings, ...planned.warnings],
      policyPack: { name: host.info.name, version: host.info.version },
      policies: Object.entries(host.effectiveConfig).map(([name, { enforcementLevel }]) => {
        const info = host.info.policies.find((policy) => policy.name === name);
        return {
          name,
          enforcementLevel,
          ...(info?.description ? { description: info.description } : {}),
          ...(info?.remediationSteps ? { remediationSteps: info.remediationSteps } : {}),
        };
      }),
      tenantFiles: planned.tenantFiles,
      timings: {
        planMs,
        packStartMs: host.timings.startMs,
        judgeAfterPlanMs: performance.now() - planStartedAt - planMs,
        preflightMs: planned.preflightMs,
      },
    });
  } finally {
    // Stopped on every path: still starting (the input was bad, or the plan refused), it is killed
    // rather than waited for, so bad input is answered as soon as it is found; started, it is closed.
    pack.controller.abort(new Error("the check ended before the policy pack had started"));
    await hostStarting.then(
      (host) => host.close(),
      () => undefined,
    );
  }
}

/**
 * Hands the plan's requests to the pack as they come: held back until the pack has started and been
 * configured, then each Analyze sent at once (AnalyzeStack waits in the analysis). Invalid policy config (known only once the pack has said
 * which policies it has) ends in `errors` and nothing is sent.
 */
function streamTo(
  hostStarting: Promise<PolicyPackHost>,
  policyConfig: unknown,
  policyConfigFile: string,
  complete: (
    config: PolicyPackConfig,
    info: PolicyPackInfo,
  ) => Promise<{ config: PolicyPackConfig; warnings: InputError[] }>,
) {
  const early: Array<{ urn: string; request: Uint8Array }> = [];
  let earlyStack: Uint8Array | undefined;
  let judgement: StackAnalysis | undefined;
  const ready = hostStarting.then(
    async (
      host,
    ): Promise<{ judgement: StackAnalysis; warnings: InputError[] } | { errors: InputError[] }> => {
      const configured = parsePolicyConfig(policyConfig, policyConfigFile, host.info);
      if ("errors" in configured) return configured;
      const completed = await complete(configured.config, host.info);
      await host.configure(completed.config);
      judgement = host.beginStackAnalysis();
      for (const { urn, request } of early.splice(0)) judgement.analyze(urn, request);
      if (earlyStack) judgement.analyzeStack(earlyStack);
      earlyStack = undefined;
      return { judgement, warnings: completed.warnings };
    },
  );
  ready.catch(() => undefined);
  return {
    ready,
    sink: {
      analyze: (urn, request) => (judgement ? judgement.analyze(urn, request) : early.push({ urn, request })),
      analyzeStack: (request) => (judgement ? judgement.analyzeStack(request) : (earlyStack = request)),
    } satisfies RequestSink,
  };
}

/** The program's plan, made in its worker thread (program/program-worker.ts). */
async function planProgram(
  options: CheckOptions,
  sink: RequestSink,
  onValidated: (validated: ValidatedInputs) => void,
): Promise<PlannedStack | { errors: InputError[] }> {
  const stackFile = readStackConfigFile(options.projectDir, options.stack);
  if ("errors" in stackFile) return stackFile;
  const config = { ...stackFile.config };
  if (options.tenantsDir !== undefined)
    config[`${projectName}:tenantsDir`] = path.resolve(options.tenantsDir);
  return planInWorker(
    {
      programDir: options.projectDir,
      project: projectName,
      stack: options.stack,
      config,
      configFile: stackFile.file,
    },
    sink,
    onValidated,
  );
}

function readPolicyConfigFile(file: string): { config: unknown } | { errors: InputError[] } {
  try {
    return { config: JSON.parse(fs.readFileSync(file, "utf8")) };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "no such file"
        : `is not JSON: ${(error as Error).message}`;
    return { errors: [{ file, path: "", message: reason }] };
  }
}
