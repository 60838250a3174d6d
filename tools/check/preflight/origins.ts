import type { StackTenant } from "../../../src/stack-tenants";
import { defaultProfileDescription } from "../../../src/stack-tenants";
import type { InputError } from "../../../src/validation";
import { tenantSchema } from "../../../src/tenant";
import { innerSchema } from "../../../src/validation";
import type { z } from "zod";
import { type PreflightIssue, issueMessage } from "./issue";
import * as path from "node:path";
import { type TenantSource, readTenantSource } from "../input/tenant-positions";

/**
 * Who to tell. A value a tenant file wrote (a profile description, a tag, an email, a topic ARN, a
 * role name) is that file's input error, at the field it came from; anything else the program
 * built, and AWS refusing it is a bug of the program, named with its resource, input and rule.
 */
export function preflightErrors(
  issues: readonly PreflightIssue[],
  tenants: readonly StackTenant[],
): InputError[] {
  const tenantsByName = new Map(tenants.map((tenant) => [tenant.name, tenant]));
  const tenantNames = [...tenantsByName.keys()].sort((a, b) => b.length - a.length);
  const fieldsByTenant = new Map<string, Map<string, string>>();
  // `tenants/claims.ts:12:5`: the line the owner edits, as the tenant reader names its own refusals.
  const sources = new Map<string, TenantSource | undefined>();
  const fileAt = (file: string, field: string): string => {
    if (!sources.has(file)) sources.set(file, readTenantSource(path.resolve(file)));
    const position = sources.get(file)?.at(field);
    return position ? `${file}:${position.line}:${position.column}` : file;
  };
  const fieldOf = (tenant: StackTenant, value: unknown): string | undefined => {
    if (typeof value !== "string") return undefined;
    let fields = fieldsByTenant.get(tenant.name);
    if (!fields) fieldsByTenant.set(tenant.name, (fields = tenantFields(tenant)));
    return fields.get(value);
  };
  return issues.map((issue) => {
    const tenant = tenantsByName.get(ownerOf(issue.urn, tenantNames) ?? "");
    const field = tenant && fieldOf(tenant, issue.value);
    if (tenant && field)
      return { file: fileAt(tenant.file, field), path: field, message: issueMessage(issue) };
    return {
      file: "program bug",
      path: `${issue.type} "${issue.name}" input ${issue.input}`,
      message: `${issueMessage(issue)} (the program built this value: please report it)`,
    };
  });
}

/**
 * The tenant whose TenantGuardrails component holds the resource: its URN's type chain names the
 * component, and the logical names of its children start with the tenant's name (longest first, so
 * tenant `a-b` wins over `a`).
 */
export function ownerOf(urn: string, tenantNames: readonly string[]): string | undefined {
  if (!urn.includes("TenantGuardrails$")) return undefined;
  const name = urn.slice(urn.lastIndexOf("::") + 2);
  return tenantNames.find((tenant) => name === tenant || name.startsWith(`${tenant}-`));
}

/**
 * Each string a tenant file gave, with the field it is at: the tenant's fields walked as the tenant
 * schema reads them (a string leaf, or a record's key), so a field added to the schema is found
 * without a line here. Only the schema's fields: the rest of a `StackTenant` (names, ids, ARNs) the
 * program built. A profile's default description is the program's too.
 */
function tenantFields(tenant: StackTenant): Map<string, string> {
  const fields = new Map<string, string>();
  const add = (value: string, path: string) => {
    if (!fields.has(value)) fields.set(value, path);
  };
  const { profiles, ...tenantShape } = tenantSchema.shape;
  tenant.profiles.forEach((profile, index) => {
    const written =
      profile.description === defaultProfileDescription(tenant.name, tenant.environment, profile)
        ? { ...profile, description: undefined }
        : profile;
    walkStrings(profiles.element, written, `profiles[${index}]`, add);
  });
  const values = tenant as unknown as Record<string, unknown>;
  for (const [field, schema] of Object.entries(tenantShape)) walkStrings(schema, values[field], field, add);
  return fields;
}

/** Calls `add` with each string of `value` that `schema` reads as a string or a record key, at its path. */
function walkStrings(
  schema: z.core.$ZodType,
  value: unknown,
  path: string,
  add: (value: string, path: string) => void,
): void {
  // The union of zod's own types, narrowed by `def.type` (zod 4's public core API); wrappers looked through.
  const def = (innerSchema(schema) as z.core.$ZodTypes)._zod.def;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (def.type === "string" && typeof value === "string") add(value, path);
  else if (def.type === "array" && Array.isArray(value))
    value.forEach((item, index) => walkStrings(def.element, item, `${path}[${index}]`, add));
  else if (def.type === "object" && isRecord(value))
    for (const [key, field] of Object.entries(def.shape)) walkStrings(field, value[key], at(key), add);
  else if (def.type === "record" && isRecord(value))
    for (const [key, item] of Object.entries(value)) {
      walkStrings(def.valueType, item, at(key), add);
      add(key, at(key));
    }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
