/**
 * Policy pack benchmark: `npm run bench:policy` (tsx bench/policy.bench.ts). Prints figures; asserts nothing.
 *
 * 1. Per-resource validation time of every policy that reads a resource, on inputs far larger than
 *    AWS accepts (5,000 statements, 1 MB strings, 10,000-level nesting, 50,000 tags), called as the
 *    Analyzer server calls them (unknown-checking proxy, schema defaults). Target: under 50 ms each.
 * 2. The stack policies on a stack of 2,000 tenants.
 * 3. With --host: the real pack started by run-policy-pack (PolicyPackHost), and N synthetic
 *    resources judged over gRPC (Analyze per resource, one AnalyzeStack).
 *
 *   npm run bench:policy -- [--rounds 15] [--host] [--resources 20000] [--concurrency 32]
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { StackValidationPolicy } from "@pulumi/policy";
import { bedrockInvokeThroughProfiles } from "../policies/bedrock-invoke-through-profiles";
import { bedrockProfileCostTags } from "../policies/bedrock-profile-cost-tags";
import { bedrockProfileModelSource } from "../policies/bedrock-profile-model-source";
import { budgetNotifications } from "../policies/budget-notifications";
import { costAllocationTagsActive } from "../policies/cost-allocation-tags-active";
import { prodProfilesProtected } from "../policies/prod-profiles-protected";
import { profileUsageAlarm } from "../policies/profile-usage-alarm";
import { tenantBudgetCoverage } from "../policies/tenant-budget-coverage";
import { workloadsReferenceProfiles } from "../policies/workloads-reference-profiles";
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
import { type Case, adversarialCases, lambdaWithVariables } from "./policy-adversarial-cases";
import { runCli } from "../tools/cli-exit";
import { parseCli } from "../tools/cli-flags";

const modelArn = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
const profileArn = (index: number) =>
  `arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/${index.toString(36).padStart(12, "0")}`;
const megabyte = 1024 * 1024;

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/** Statements as a large policy would hold them: invoke on profiles, models under a profile condition. */
const statements = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    Sid: `S${index}`,
    Effect: index % 7 === 0 ? "Deny" : "Allow",
    Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", `s3:Get${index}*`],
    Resource: [profileArn(index), `${modelArn}-${index}`, "arn:aws:bedrock:*::foundation-model/*"],
    Condition: { StringEquals: { "bedrock:InferenceProfileArn": [profileArn(index)] } },
  }));

/** Short statements, so that 5,000 of them stay under the 1 MiB a document string may have. */
const compactStatements = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    Effect: "Allow",
    Action: index % 2 ? "bedrock:InvokeModel" : "bedrock:Invoke*",
    Resource: profileArn(index),
  }));

function cases(): Case[] {
  const iam = (name: string, policy: unknown): Case => ({
    name,
    policy: bedrockInvokeThroughProfiles,
    spec: { type: "aws:iam/policy:Policy", props: { policy } },
  });
  const manyTags = Object.fromEntries(
    Array.from({ length: 50_000 }, (_, index) => [`key-${index}`, `value-${index}`]),
  );
  const profile = (props: Record<string, unknown>): ResourceSpec => ({
    type: "aws:bedrock/inferenceProfile:InferenceProfile",
    props,
  });
  return [
    iam(
      "IAM: 5,000 statements, 0.6 MB JSON string",
      JSON.stringify({ Version: "2012-10-17", Statement: compactStatements(5_000) }),
    ),
    iam("IAM: 5,000 statements, object", { Version: "2012-10-17", Statement: statements(5_000) }),
    iam("IAM: 1 MB Action string", {
      Statement: { Effect: "Allow", Action: `bedrock:${"Invoke*".repeat(megabyte / 7)}`, Resource: "*" },
    }),
    iam("IAM: 1 MB Resource of wildcards", {
      Statement: {
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        Resource: `arn:${"*?".repeat(megabyte / 2)}`,
      },
    }),
    iam("IAM: 1 MB Resource literal", {
      Statement: { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "a".repeat(megabyte) },
    }),
    iam("IAM: 1 MB condition value", {
      Statement: {
        Effect: "Allow",
        Action: "bedrock:*",
        Resource: "*",
        Condition: { ArnLike: { "bedrock:InferenceProfileArn": `arn:${"*".repeat(megabyte)}x` } },
      },
    }),
    iam("IAM: 10,000-level nested Resource", {
      Statement: { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: nested(10_000, modelArn) },
    }),
    iam("IAM: 10,000-level nested Condition", {
      Statement: {
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        Resource: "*",
        Condition: nested(10_000, {}),
      },
    }),
    iam("IAM: 20,000 statements, 4 MB string (refused)", JSON.stringify({ Statement: statements(20_000) })),
    { name: "tags: 50,000 tags", policy: bedrockProfileCostTags, spec: profile({ tags: manyTags }) },
    {
      name: "tags: 1 MB tag value",
      policy: bedrockProfileCostTags,
      spec: profile({ tags: { tenant: "x".repeat(megabyte) } }),
    },
    {
      name: "tags: 50,000 provider default tags",
      policy: bedrockProfileCostTags,
      spec: {
        ...profile({ tags: {} }),
        provider: { props: { defaultTags: JSON.stringify({ tags: manyTags }) } },
      },
    },
    {
      name: "model source: 1 MB copyFrom",
      policy: bedrockProfileModelSource,
      spec: profile({
        modelSource: { copyFrom: `arn:aws:bedrock:us-east-1::foundation-model/${"a".repeat(megabyte)}` },
      }),
    },
    { name: "protect: 50,000 tags", policy: prodProfilesProtected, spec: profile({ tags: manyTags }) },
    {
      name: "workloads: 50,000 Lambda variables",
      policy: workloadsReferenceProfiles,
      spec: lambdaWithVariables(
        Object.fromEntries(
          Array.from({ length: 50_000 }, (_, index) => [`V${index}`, `anthropic.model-${index}`]),
        ),
      ),
    },
    {
      name: "workloads: 1 MB SSM StringList",
      policy: workloadsReferenceProfiles,
      spec: {
        type: "aws:ssm/parameter:Parameter",
        props: { type: "StringList", value: "a,".repeat(megabyte / 2) },
      },
    },
    {
      name: "budget: 5,000 notifications",
      policy: budgetNotifications,
      spec: {
        type: "aws:budgets/budget:Budget",
        props: {
          budgetType: "COST",
          limitAmount: "1000",
          limitUnit: "USD",
          notifications: Array.from({ length: 5_000 }, () => ({
            notificationType: "FORECASTED",
            threshold: 80,
          })),
        },
      },
    },
  ];
}

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

async function benchPolicies(rounds: number): Promise<void> {
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
  for (const policy of [
    tenantBudgetCoverage,
    profileUsageAlarm,
    costAllocationTagsActive,
  ] as StackValidationPolicy[]) {
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

async function benchHost(count: number, concurrency: number): Promise<void> {
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

const usage = `Usage: npm run bench:policy -- [--rounds 15] [--host] [--resources 20000] [--concurrency 32]

Times each policy of the pack in-process (medians of --rounds); --host also times the pack served
over the Analyzer protocol with --resources resources, --concurrency requests at a time.

Exit codes: 0 done, 1 a failure while timing, 2 a bad flag.
`;

async function main(): Promise<number> {
  const values = parseCli<{ rounds: string; host: boolean; resources: string; concurrency: string }>(
    "bench:policy",
    usage,
    {
      rounds: { type: "string", default: "15" },
      host: { type: "boolean", default: false },
      resources: { type: "string", default: "20000" },
      concurrency: { type: "string", default: "32" },
    },
  );
  if (typeof values === "number") return values;
  await benchPolicies(Number(values.rounds));
  if (values.host) await benchHost(Number(values.resources), Number(values.concurrency));
  return 0;
}

runCli("bench:policy", main, 1);
