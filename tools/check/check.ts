import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { projectName } from "../../src/naming";
import { stackScopeOf } from "../../src/org-config";
import { validateOrgInputs } from "../../src/org-stack";
import { validateStackInputs } from "../../src/stack";
import type { LeftOutTenant } from "../../src/left-out-tenants";
import type { InputError } from "../../src/validation";
import type { StackTenant } from "../../src/stack-tenants";
import { summarizeOrgPlan } from "./plan/org-summary";
import { summarizePlan } from "./plan/summary";
import { preflight, preflightErrors } from "./preflight";
import type { PlannedResource } from "./plan/planned-resource";
import { PolicyPackHost } from "./analyzer/policy-pack-host";
import { parsePolicyConfig } from "./analyzer/policy-config";
import type { StackAnalysis } from "./analyzer/stack-analysis";
import { runProgramInWorker } from "./program/program-worker";
import type { CheckReport } from "./report/check-report";
import type { PolicyPackConfig, PolicyPackInfo } from "./analyzer/policy-config";
import { readStackConfigFile } from "../stack-config-file";
import { stackMandatoryTags, withStackMandatoryTags } from "./input/stack-config-mandatory-tags";
import { readStackExport } from "./input/stack-export";

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
  packStarting?: Promise<PolicyPackHost>;
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
  const hostStarting = options.packStarting ?? PolicyPackHost.start({ packDir: options.packDir });
  hostStarting.catch(() => undefined);
  try {
    const policyConfig = options.policyConfigFile
      ? readPolicyConfigFile(options.policyConfigFile)
      : { config: {} };
    if ("errors" in policyConfig)
      return report({ stack: options.stack, source, errors: policyConfig.errors });

    const stackTags = stackMandatoryTags(options.projectDir, options.stack);
    const stream = streamTo(
      hostStarting,
      policyConfig.config,
      options.policyConfigFile ?? "",
      (config, info) =>
        withStackMandatoryTags(
          config,
          info,
          stackTags,
          `Pulumi.${options.stack}.yaml`,
          options.policyConfigFile ?? "",
        ),
    );
    const planStartedAt = performance.now();
    // A stack export cannot say which tenant files a stack leaves out; the program's inputs can.
    const planned:
      | {
          stack: string;
          resources: PlannedResource[];
          leftOut?: LeftOutTenant[];
          tenants?: StackTenant[];
          warnings?: InputError[];
        }
      | { errors: InputError[] } = options.stateFile
      ? readStackExport(options.stateFile)
      : await planProgram(options, stream.add);
    const planMs = performance.now() - planStartedAt;
    if ("errors" in planned) return report({ stack: options.stack, source, errors: planned.errors });
    // What AWS would refuse, or accept and not deliver, stops the check like bad input (exit 2).
    const preflightStartedAt = performance.now();
    const tenants = planned.tenants;
    const refused = tenants ? preflightErrors(preflight(planned.resources), tenants) : [];
    const preflightMs = performance.now() - preflightStartedAt;
    if (refused.length > 0) return report({ stack: planned.stack, source, errors: refused });

    const host = await hostStarting;
    const ready = await stream.ready;
    if ("errors" in ready) return report({ stack: planned.stack, source, errors: ready.errors });
    const violations = await ready.judgement.finish(planned.resources);
    return report({
      stack: planned.stack,
      source,
      resources: planned.resources,
      plan: summarizePlan(planned.resources, planned.leftOut),
      org: summarizeOrgPlan(planned.resources),
      violations,
      warnings: [...ready.warnings, ...(planned.warnings ?? [])],
      policyPack: { name: host.info.name, version: host.info.version },
      policies: Object.entries(host.effectiveConfig).map(([name, { enforcementLevel }]) => ({
        name,
        enforcementLevel,
      })),
      timings: {
        planMs,
        packStartMs: host.timings.startMs,
        judgeAfterPlanMs: performance.now() - planStartedAt - planMs,
        preflightMs,
      },
    });
  } finally {
    // Stopped on every path (bad input too), and waited for only when it had started.
    await hostStarting.then(
      (host) => host.close(),
      () => undefined,
    );
  }
}

/**
 * Hands resources to the pack as they come: held back until the pack has started and been
 * configured, then each sent at once. Invalid policy config (known only once the pack has said
 * which policies it has) ends in `errors` and nothing is sent.
 */
function streamTo(
  hostStarting: Promise<PolicyPackHost>,
  policyConfig: unknown,
  policyConfigFile: string,
  complete: (
    config: PolicyPackConfig,
    info: PolicyPackInfo,
  ) => { config: PolicyPackConfig; warnings: InputError[] },
) {
  const early: PlannedResource[] = [];
  let judgement: StackAnalysis | undefined;
  const ready = hostStarting.then(
    async (
      host,
    ): Promise<{ judgement: StackAnalysis; warnings: InputError[] } | { errors: InputError[] }> => {
      const configured = parsePolicyConfig(policyConfig, policyConfigFile, host.info);
      if ("errors" in configured) return configured;
      const completed = complete(configured.config, host.info);
      await host.configure(completed.config);
      judgement = host.beginStackAnalysis();
      for (const resource of early.splice(0)) judgement.add(resource);
      return { judgement, warnings: completed.warnings };
    },
  );
  ready.catch(() => undefined);
  return {
    ready,
    add: (resource: PlannedResource) => (judgement ? judgement.add(resource) : early.push(resource)),
  };
}

async function planProgram(
  options: CheckOptions,
  onResource: (resource: PlannedResource) => void,
): Promise<
  | {
      stack: string;
      resources: PlannedResource[];
      leftOut: LeftOutTenant[];
      tenants: StackTenant[];
      warnings: InputError[];
    }
  | { errors: InputError[] }
> {
  const stackFile = readStackConfigFile(options.projectDir, options.stack);
  if ("errors" in stackFile) return stackFile;
  const config = { ...stackFile.config };
  if (options.tenantsDir !== undefined)
    config[`${projectName}:tenantsDir`] = path.resolve(options.tenantsDir);
  // Validated here too, so bad input is reported as data (exit 2) before the program starts: the
  // program's own StackInputError would also reach the SDK's root stack, which leaves it behind as
  // an unhandled rejection that ends the process.
  const inputs =
    stackScopeOf(config) === "organization"
      ? validateOrgInputs(config, stackFile.file, options.projectDir)
      : validateStackInputs(config, stackFile.file, options.projectDir);
  if ("errors" in inputs) return inputs;
  const resources = await runProgramInWorker({
    programDir: options.projectDir,
    project: projectName,
    stack: options.stack,
    config,
    onResource,
  });
  // The org stack's resources come from every environment's tenants; its preflight names resources.
  // An org stack plans no tenant of its own, so it leaves none out.
  const tenants =
    "tenants" in inputs ? inputs.tenants : inputs.environments.flatMap((environment) => environment.tenants);
  return {
    stack: options.stack,
    resources,
    leftOut: "leftOut" in inputs ? inputs.leftOut : [],
    warnings: "warnings" in inputs ? inputs.warnings : [],
    tenants,
  };
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
