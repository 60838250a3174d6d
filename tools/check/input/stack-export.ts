import * as fs from "node:fs";
import { z } from "zod";
import { type InputError, zodIssuesToErrors } from "../../../src/validation";
import { type PlannedResource, UNKNOWN, secretSignature, signatureKey } from "../plan/planned-resource";
import { resourceTypes } from "../../../src/resource-types";

/** Beyond this a stack export is not a stack export; refuse it rather than exhaust memory. */
const maxExportBytes = 512 * 1024 * 1024;

const propertyMap = z.record(z.string(), z.unknown());
const resourceSchema = z.looseObject({
  urn: z.string().regex(/^urn:pulumi:[^:]+::[^:]+::.+::.*$/, {
    error: "expected a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)",
  }),
  type: z.string().min(1),
  custom: z.boolean().default(false),
  id: z.string().optional(),
  inputs: propertyMap.default({}),
  outputs: propertyMap.default({}),
  parent: z.string().optional(),
  provider: z.string().optional(),
  protect: z.boolean().default(false),
  dependencies: z.array(z.string()).default([]),
  propertyDependencies: z.record(z.string(), z.array(z.string())).default({}),
  delete: z.boolean().optional(),
  external: z.boolean().optional(),
});

const exportSchema = z.looseObject({
  version: z.literal(3, { error: "expected 3: `pulumi stack export` writes deployment version 3" }),
  deployment: z.looseObject({
    resources: z.array(resourceSchema).default([]),
  }),
});

export interface StackExport {
  /** Stack name, read from the root stack resource's URN. */
  stack: string;
  resources: PlannedResource[];
}

/**
 * Reads a `pulumi stack export` file into the resources the engine would send a policy pack:
 * live resources only (not those pending deletion, not external reads), secrets the export
 * cannot reveal turned into unknowns so no policy judges ciphertext.
 */
export function readStackExport(file: string): StackExport | { errors: InputError[] } {
  const fail = (message: string, at = ""): { errors: InputError[] } => ({
    errors: [{ file, path: at, message }],
  });
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > maxExportBytes)
      return fail(
        `is ${Math.round(size / 2 ** 20)} MiB; a stack export over ${maxExportBytes / 2 ** 20} MiB is refused`,
      );
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return fail(
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "no such file"
        : `cannot be read: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(
      `is not JSON (${(error as Error).message}); produce it with \`pulumi stack export --file ${file}\``,
    );
  }
  const parsed = exportSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { errors: zodIssuesToErrors(file, parsed.error.issues.slice(0, 20)) };

  const all = parsed.data.deployment.resources;
  const live = all.filter((resource) => !resource.delete && !resource.external);
  // A deployed state is final: a value it cannot show (ciphertext, or an unknown left by a failed
  // update) would pass a policy that does not guess, so the audit refuses it instead.
  const unreadable: InputError[] = [];
  live.forEach((resource) => {
    const at = `deployment.resources[${all.indexOf(resource)}]`;
    findUnreadable(resource.inputs, `${at}.inputs`, unreadable);
    findUnreadable(resource.outputs, `${at}.outputs`, unreadable);
  });
  if (unreadable.length > 0)
    return {
      errors: unreadable.slice(0, 20).map((problem) => ({
        file,
        path: problem.path,
        message: `${problem.message}; re-export with \`pulumi stack export --show-secrets --file ${file}\` so the audit judges what is deployed`,
      })),
    };
  // Providers first: a provider listed after the resources that use it resolves the same.
  live.sort(
    (a, b) =>
      Number(!a.type.startsWith("pulumi:providers:")) - Number(!b.type.startsWith("pulumi:providers:")),
  );
  const stackResource = live.find((resource) => resource.type === resourceTypes.stack) ?? live[0];
  const stack = stackResource ? stackResource.urn.split("::")[0].slice("urn:pulumi:".length) : "(empty)";
  return {
    stack,
    resources: live.map((resource) => ({
      urn: resource.urn,
      type: resource.type,
      name: resource.urn.slice(resource.urn.lastIndexOf("::") + 2),
      inputs: revealOrHide(resource.inputs) as Record<string, unknown>,
      outputs: revealOrHide(resource.outputs) as Record<string, unknown>,
      parent: resource.parent,
      provider: resource.provider,
      protect: resource.protect,
      dependencies: resource.dependencies,
      propertyDependencies: resource.propertyDependencies,
      custom: resource.custom,
    })),
  };
}

/** Secrets exported with `--show-secrets` carry `plaintext`; without it only ciphertext, which is unknown to a policy. */
function revealOrHide(value: unknown, depth = 0): unknown {
  if (depth > 64 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => revealOrHide(item, depth + 1));
  const record = value as Record<string, unknown>;
  if (record[signatureKey] === secretSignature) {
    if (typeof record.plaintext === "string") {
      try {
        return revealOrHide(JSON.parse(record.plaintext), depth + 1);
      } catch {
        return UNKNOWN;
      }
    }
    return UNKNOWN;
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, revealOrHide(item, depth + 1)]),
  );
}

/** Secrets without `plaintext` and unknown values, with their paths (at most 20 collected). */
function findUnreadable(value: unknown, at: string, found: InputError[], depth = 0): void {
  if (found.length >= 20 || depth > 64) return;
  if (value === UNKNOWN) {
    found.push({ file: "", path: at, message: "is unknown in a deployed state" });
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => findUnreadable(item, `${at}[${index}]`, found, depth + 1));
    return;
  }
  const record = value as Record<string, unknown>;
  if (record[signatureKey] === secretSignature) {
    if (typeof record.plaintext !== "string")
      found.push({ file: "", path: at, message: "is a secret exported without its value (ciphertext only)" });
    return;
  }
  for (const [key, item] of Object.entries(record)) findUnreadable(item, `${at}.${key}`, found, depth + 1);
}
