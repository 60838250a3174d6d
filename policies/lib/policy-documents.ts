/**
 * Where IAM permission documents sit on each resource type: the `policy` of classic policies, the
 * `policyDocument` of native ones, and the inline policies embedded in roles, users and groups.
 * Trust policies (`assumeRolePolicy`) grant no permissions and are not read.
 */
import { types } from "./resource-types";
import { type JsonRecord, UNKNOWN, at, list, strings, text } from "./values";

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
    case types.ssoInlinePolicy:
    case types.nativePermissionSet:
      return present({ label: "permission set inline policy", document: at(props, "inlinePolicy") });
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

/** Where each type names the managed policies it attaches (`undefined` for the types that attach none). */
const attachmentKeys: Readonly<Record<string, string>> = {
  [types.iamRolePolicyAttachment]: "policyArn",
  [types.iamUserPolicyAttachment]: "policyArn",
  [types.iamGroupPolicyAttachment]: "policyArn",
  [types.iamPolicyAttachment]: "policyArn",
  [types.iamRolePolicyAttachmentsExclusive]: "policyArns",
  [types.iamUserPolicyAttachmentsExclusive]: "policyArns",
  [types.iamGroupPolicyAttachmentsExclusive]: "policyArns",
  [types.iamRole]: "managedPolicyArns",
  [types.nativeRole]: "managedPolicyArns",
  [types.nativeUser]: "managedPolicyArns",
  [types.nativeGroup]: "managedPolicyArns",
  [types.ssoManagedPolicyAttachment]: "managedPolicyArn",
  [types.ssoManagedPolicyAttachmentsExclusive]: "managedPolicyArns",
  [types.nativePermissionSet]: "managedPolicies",
};

/** The managed policy ARNs a resource attaches, as known so far (unknown entries are left out: not guessed). */
export function attachedPolicyArns(type: string, props: JsonRecord): string[] {
  const key = Object.prototype.hasOwnProperty.call(attachmentKeys, type) ? attachmentKeys[type] : undefined;
  if (key === undefined) return [];
  const arns = strings(at(props, key));
  if (arns === UNKNOWN || arns === undefined) return [];
  return arns.filter((arn): arn is string => arn !== UNKNOWN);
}
