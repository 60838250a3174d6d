import type { StackTenant } from "../../../src/stack-tenants";
import { defaultProfileDescription } from "../../../src/stack-tenants";
import type { InputError } from "../../../src/validation";
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

/** Each string a tenant file gave, with the field it is at. */
function tenantFields(tenant: StackTenant): Map<string, string> {
  const fields = new Map<string, string>();
  const add = (value: string, path: string) => {
    if (!fields.has(value)) fields.set(value, path);
  };
  tenant.profiles.forEach((profile, index) => {
    if (profile.description !== defaultProfileDescription(tenant.name, tenant.environment, profile))
      add(profile.description, `profiles[${index}].description`);
    add(profile.name, `profiles[${index}].name`);
  });
  for (const [key, value] of Object.entries(tenant.tags)) {
    add(value, `tags.${key}`);
    add(key, `tags.${key}`);
  }
  tenant.notify.emails.forEach((email, index) => add(email, `notify.emails[${index}]`));
  tenant.notify.snsTopicArns.forEach((arn, index) => add(arn, `notify.snsTopicArns[${index}]`));
  tenant.workloadRoles.forEach((role, index) => add(role, `workloadRoles[${index}]`));
  return fields;
}
