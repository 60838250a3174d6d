/**
 * The timings of the policy benchmark (bench/policy.bench.ts, which parses the flags first and loads
 * this module only then: the pack, its policies and the policy SDK take seconds to load).
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../policies/policies";
import {
  type ResourceSpec,
  resourceArgs,
  runResourcePolicy,
  runStackPolicy,
  stackArgs,
} from "../policies/test/helpers/policy-args";
import type { PlannedResource } from "../tools/check/plan/planned-resource";
import { PolicyPackHost } from "../tools/check/analyzer/policy-pack-host";
import { median } from "./median";
import { adversarialCases } from "./policy-adversarial-cases";
import { cases, profileArn } from "./policy-bench-cases";

function tenantStack(tenants: number): ResourceSpec[] {
  const resources: ResourceSpec[] = [];
  for (let index = 0; index < tenants; index++) {
    const tenant = `tenant-${index}`;
    const arn = profileArn(index);
    resources.push(
      {
        type: "aws:bedrock/inferenceProfile:InferenceProfile",
        name: `${tenant}-chat`,
        props: { arn, tags: { tenant, environment: "prod" } },
      },
      {
        type: "aws:budgets/budget:Budget",
        name: `${tenant}-budget`,
        props: {
          budgetType: "COST",
          costFilters: [{ name: "TagKeyValue", values: [`user:tenant$${tenant}`] }],
          notifications: [
            { notificationType: "ACTUAL", threshold: 80, subscriberEmailAddresses: ["a@example.com"] },
          ],
        },
      },
      ...["Invocations", "InvocationThrottles", "InputTokenCount"].map((metricName) => ({
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        name: `${tenant}-${metricName}`,
        props: {
          namespace: "AWS/Bedrock",
          metricName,
          dimensions: { ModelId: arn.slice(-12) },
          alarmActions: ["arn:aws:sns:us-east-1:111122223333:alerts"],
        },
      })),
    );
  }
  return resources;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** Median and max of `rounds` calls, after one warm-up call with the same input. */
async function time(rounds: number, run: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await run();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { median: median(samples), max: Math.max(...samples) };
}

export async function benchPolicies(rounds: number): Promise<void> {
  console.log(`Per-resource validation (${rounds} rounds each after a warm-up; target < 50 ms)`);
  const all = [...cases(), ...adversarialCases()];
  // Arguments are built outside the timing here too (as for every figure below): the figure is the policy's.
  const coldArgs = resourceArgs(all[0].policy, all[0].spec);
  const cold = performance.now();
  await runResourcePolicy(all[0].policy, coldArgs);
  console.log(
    `  first call of the process (code not yet compiled), ${all[0].name}: ${ms(performance.now() - cold)}`,
  );
  let worst = 0;
  for (const { name, policy, spec } of all) {
    // Arguments are built outside the timing, as the server builds them before calling a policy.
    const args = resourceArgs(policy, spec);
    const figures = await time(rounds, () => runResourcePolicy(policy, args));
    worst = Math.max(worst, figures.max);
    console.log(
      `  ${name.padEnd(46)} ${policy.name.padEnd(32)} median ${ms(figures.median).padStart(9)}  max ${ms(figures.max).padStart(9)}`,
    );
  }
  console.log(`  worst single resource: ${ms(worst)}`);

  const stack = tenantStack(2_000);
  console.log(`\nStack validation: ${stack.length.toLocaleString("en-US")} resources (2,000 tenants)`);
  // Every stack policy of the pack, from its registry.
  for (const policy of policies.filter(
    (policy): policy is StackValidationPolicy & typeof policy => "validateStack" in policy,
  )) {
    const args = stackArgs(policy, stack);
    const figures = await time(Math.max(3, Math.floor(rounds / 3)), () => runStackPolicy(policy, args));
    console.log(
      `  ${policy.name.padEnd(32)} median ${ms(figures.median).padStart(9)}  max ${ms(figures.max).padStart(9)}`,
    );
  }
}

function plannedStack(count: number): PlannedResource[] {
  const resources: PlannedResource[] = [];
  const providerUrn = "urn:pulumi:bench::bench::pulumi:providers:aws::shared";
  resources.push({
    urn: providerUrn,
    type: "pulumi:providers:aws",
    name: "shared",
    inputs: { region: "us-east-1", defaultTags: JSON.stringify({ tags: { environment: "prod" } }) },
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    custom: true,
  });
  for (const spec of tenantStack(Math.ceil(count / 5))) {
    if (resources.length >= count) break;
    const urn = `urn:pulumi:bench::bench::${spec.type}::${spec.name}`;
    resources.push({
      urn,
      type: spec.type,
      name: spec.name ?? "r",
      inputs: spec.props,
      protect: true,
      dependencies: [],
      propertyDependencies: {},
      custom: true,
      provider: `${providerUrn}::id`,
    });
  }
  return resources;
}

export async function benchHost(count: number, concurrency: number): Promise<void> {
  console.log(
    `\nThe real pack over gRPC (run-policy-pack, transpile-only start, ${concurrency} Analyze calls in flight)`,
  );
  const resources = plannedStack(count);
  const host = await PolicyPackHost.start({ packDir: path.resolve(__dirname, "../policies"), concurrency });
  try {
    console.log(`  pack start-up to configured: ${ms(host.timings.startMs)}`);
    const violations = await host.analyze(resources);
    const judged = host.timings.lastAnalysis;
    if (!judged) return;
    console.log(
      `  ${resources.length.toLocaleString("en-US")} resources judged in ${ms(judged.totalMs)} ` +
        `(${((judged.totalMs * 1000) / resources.length).toFixed(0)} µs per resource): ` +
        `Analyze calls done at ${ms(judged.analyzeMs)}, the concurrent AnalyzeStack at ${ms(judged.analyzeStackMs)}; ` +
        `${violations.length.toLocaleString("en-US")} violations`,
    );
  } finally {
    await host.close();
  }
}
