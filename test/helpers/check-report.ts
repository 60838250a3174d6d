import * as path from "node:path";
import { type LeftOutTenant, summarizePlan } from "../../tools/check/plan/summary";
import type { PlannedResource } from "../../tools/check/plan/planned-resource";
import type {
  CheckReport,
  EnforcementLevel,
  PolicyLevel,
  Violation,
} from "../../tools/check/report/check-report";
import { readStackExport } from "../../tools/check/input/stack-export";
import { statedTenantChildTypes } from "./types";

export const exampleExport = path.resolve(__dirname, "../../examples/stack-export.json");

/**
 * The resources of the shipped example export (the dev stack of examples/tenants): the stack, its
 * providers and components, and the tenants' resources of the types the tests state
 * (`statedTenantChildTypes`). The export is written by the program (`npm run example:stack-export`);
 * a resource type the program gains later stays out of the report fixtures, whose texts state each
 * count and cost, as it stays out of the program's own expectations.
 */
export function exampleResources(): PlannedResource[] {
  const read = readStackExport(exampleExport);
  if ("errors" in read) throw new Error(read.errors.map((error) => error.message).join("\n"));
  return read.resources.filter(
    (resource) =>
      !resource.custom || resource.type.startsWith("pulumi:") || statedTenantChildTypes.has(resource.type),
  );
}

/** Resources of the named tenants only (by the `tenant` tag or budget filter), plus providers and the stack. */
export function onlyTenants(
  resources: readonly PlannedResource[],
  tenants: readonly string[],
): PlannedResource[] {
  return resources.filter((resource) => {
    if (resource.type.startsWith("pulumi:")) return true;
    const text = JSON.stringify(resource.inputs);
    return tenants.some(
      (tenant) => text.includes(`"tenant":"${tenant}"`) || text.includes(`tenant$${tenant}"`),
    );
  });
}

export const packPolicies = (level: EnforcementLevel = "mandatory", count = 9): PolicyLevel[] =>
  Array.from({ length: count }, (_, index) => ({ name: `policy-${index}`, enforcementLevel: level }));

/** A report as `runCheck` makes one, with a fixed duration so texts compare exactly. */
export function reportOf(
  resources: readonly PlannedResource[],
  options: {
    violations?: Violation[];
    policies?: PolicyLevel[];
    leftOut?: LeftOutTenant[];
    source?: CheckReport["source"];
  } = {},
): CheckReport {
  return {
    stack: "dev",
    source: options.source ?? "state",
    resources: [...resources],
    plan: summarizePlan(resources, options.leftOut),
    violations: options.violations ?? [],
    errors: [],
    policyPack: { name: "bedrock-cost-guardrails", version: "0.1.0" },
    policies: options.policies ?? packPolicies(),
    durationMs: 4_250,
  };
}

/** `count` tenants like the example's "search", all in shared-ai: the plan of a large stack without running it. */
export function manyTenants(count: number) {
  const resources = exampleResources();
  const search = onlyTenants(resources, ["search"]).filter(
    (resource) => !resource.type.startsWith("pulumi:"),
  );
  return [
    ...resources.filter((resource) => resource.type.startsWith("pulumi:")),
    ...Array.from({ length: count }, (_, index) =>
      renameTenant(search, "search", `t-${String(index).padStart(4, "0")}`),
    ).flat(),
  ];
}

/** A deterministic shuffle (mulberry32), so a failing order can be reproduced from its seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/** The same resources with a tenant renamed wherever the plan reads its name (tags, budget filter expression). */
export function renameTenant(
  resources: readonly PlannedResource[],
  from: string,
  to: string,
): PlannedResource[] {
  // A filter expression's `{ key: "tenant", values: [name] }` is renamed where it stands.
  const renameIn = (_key: string, value: unknown) =>
    value && typeof value === "object" && (value as { key?: unknown }).key === "tenant"
      ? {
          ...value,
          values: ((value as { values?: unknown[] }).values ?? []).map((name) => (name === from ? to : name)),
        }
      : value;
  return resources.map((resource) => ({
    ...resource,
    inputs: JSON.parse(
      JSON.stringify(resource.inputs)
        .replaceAll(`"tenant":"${from}"`, `"tenant":"${to}"`)
        .replaceAll(`tenant$${from}"`, `tenant$${to}"`),
      renameIn,
    ),
  }));
}
