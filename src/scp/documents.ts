import modelActionData from "../data/bedrock-model-actions.json";

/**
 * The service control policies that make "only through application profiles" hold for every
 * principal of the governed accounts, not only for what this repository deploys. Deny-only, so
 * they combine with FullAWSAccess (or any allow-list) without granting anything.
 *
 * How a call through an application profile is authorised (Amazon Bedrock user guide,
 * "Prerequisites for inference profiles", inference-profiles-prereq.html): the caller needs
 * InvokeModel on the application profile, and on every foundation model it routes to (in each
 * Region for a profile copied from a system-defined cross-Region profile, and on that system
 * profile), and those model and system-profile checks carry `bedrock:InferenceProfileArn` = the
 * application profile's ARN; AWS's own example restricts callers to profiles with exactly that
 * condition. So denying the model actions on `foundation-model/*` and `inference-profile/*`
 * unless that key names an `application-inference-profile/` leaves the application-profile path
 * open, and closes a direct call (no key) and a call through a system profile (the key names it).
 */
export const modelActions: readonly string[] = modelActionData.actions;

export const applicationProfileArnPattern = "arn:*:bedrock:*:*:application-inference-profile/*";
const modelResources = ["arn:*:bedrock:*::foundation-model/*", "arn:*:bedrock:*:*:inference-profile/*"];

/** The keys a tenant's profile may never lose its value of, except through a deploy or break-glass role. */
export const lockedTagKeys = ["tenant", "environment"] as const;

export interface ServiceControlPolicyInputs {
  /** Tag keys every profile must be created with (the org stack's mandatoryTags). */
  mandatoryTags: readonly string[];
  /** Roles that may create untagged profiles and change or remove mandatory tags: deploy and break-glass roles. */
  exemptRoleArns: readonly string[];
}

export interface ServiceControlPolicyDocument {
  /** The SCP's name in AWS Organizations (1-128 characters). */
  name: string;
  description: string;
  /** The policy document, compact: Organizations counts every character against 5,120. */
  content: string;
}

interface Statement {
  Sid: string;
  Effect: "Deny";
  Action: string | string[];
  Resource: string | string[];
  Condition: Record<string, Record<string, string | string[]>>;
}

export function serviceControlPolicyDocuments(
  inputs: ServiceControlPolicyInputs,
): ServiceControlPolicyDocument[] {
  const exempt = { ArnNotLike: { "aws:PrincipalArn": [...inputs.exemptRoleArns] } };
  const applicationProfiles = applicationProfileArnPattern;
  return [
    document(
      "bedrock-invoke-through-application-profiles",
      "Bedrock models run only through application inference profiles",
      [
        {
          Sid: "DenyModelUseOutsideApplicationProfiles",
          Effect: "Deny",
          Action: [...modelActions],
          Resource: modelResources,
          Condition: { ArnNotLike: { "bedrock:InferenceProfileArn": applicationProfiles } },
        },
      ],
    ),
    document(
      "bedrock-profiles-carry-cost-tags",
      "Application inference profiles are created with every mandatory cost tag",
      // One statement per key: several keys in one Null block are ANDed, which would deny only a
      // request that lacks all of them.
      inputs.mandatoryTags.map((key, index) => ({
        Sid: `RequireTag${index + 1}${sidPart(key)}`,
        Effect: "Deny",
        Action: "bedrock:CreateInferenceProfile",
        Resource: "*",
        Condition: { Null: { [`aws:RequestTag/${key}`]: "true" }, ...exempt },
      })),
    ),
    document(
      "bedrock-profile-cost-tags-locked",
      "Mandatory cost tags of application inference profiles stay as deployed",
      [
        {
          Sid: "DenyRemovingMandatoryTags",
          Effect: "Deny",
          Action: "bedrock:UntagResource",
          Resource: applicationProfiles,
          Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": [...inputs.mandatoryTags] }, ...exempt },
        },
        {
          // Only on a profile that already has its tenant: tagging at creation stays the creator's.
          Sid: "DenyChangingTenantOrEnvironment",
          Effect: "Deny",
          Action: "bedrock:TagResource",
          Resource: applicationProfiles,
          Condition: {
            "ForAnyValue:StringEquals": { "aws:TagKeys": [...lockedTagKeys] },
            Null: { "aws:ResourceTag/tenant": "false" },
            ...exempt,
          },
        },
      ],
    ),
  ];
}

function document(name: string, description: string, statements: Statement[]): ServiceControlPolicyDocument {
  return { name, description, content: JSON.stringify({ Version: "2012-10-17", Statement: statements }) };
}

/** A Sid is alphanumeric: `cost-center` becomes `CostCenter`. */
function sidPart(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("")
    .slice(0, 64);
}
