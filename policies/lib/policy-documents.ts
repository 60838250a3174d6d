/**
 * Where IAM permission documents sit on each resource type: the `policy` of classic policies, the
 * `policyDocument` of native ones, and the inline policies embedded in roles, users and groups.
 * Trust policies (`assumeRolePolicy`) grant no permissions and are not read.
 */
import { types } from "./resource-types";
import { type JsonRecord, UNKNOWN, at, list, text } from "./values";

export interface PolicyDocumentSource {
  /** `policy document`, or `inline policy "read-models"`. */
  label: string;
  document: unknown;
}

export function policyDocumentsOf(type: string, props: JsonRecord): PolicyDocumentSource[] {
  switch (type) {
    case types.iamPolicy:
    case types.iamRolePolicy:
    case types.iamUserPolicy:
    case types.iamGroupPolicy:
      return present({ label: "policy document", document: at(props, "policy") });
    case types.nativeManagedPolicy:
    case types.nativeRolePolicy:
    case types.nativeUserPolicy:
    case types.nativeGroupPolicy:
      return present({ label: "policy document", document: at(props, "policyDocument") });
    case types.iamRole:
      return embedded(at(props, "inlinePolicies"), "name", "policy");
    case types.nativeRole:
    case types.nativeUser:
    case types.nativeGroup:
      return embedded(at(props, "policies"), "policyName", "policyDocument");
    default:
      return [];
  }
}

function present(source: PolicyDocumentSource): PolicyDocumentSource[] {
  return source.document === undefined || source.document === null ? [] : [source];
}

function embedded(value: unknown, nameKey: string, documentKey: string): PolicyDocumentSource[] {
  const entries = list(value);
  if (entries === UNKNOWN || entries === undefined) return [];
  return entries.flatMap((entry, index) => {
    const name = text(at(entry, nameKey));
    const label = `inline policy ${typeof name === "string" ? JSON.stringify(name.slice(0, 64)) : `#${index + 1}`}`;
    return present({ label, document: at(entry, documentKey) });
  });
}
