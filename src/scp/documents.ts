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
/** Spending on models whose requests carry no profile key (evaluation, prompt optimization, prompt routers). */
export const modelJobActions: readonly string[] = modelActionData.modelJobActions;
/** Capacity and customization that take request tags (provisioned throughput, custom models...). */
export const taggedCreationActions: readonly string[] = modelActionData.taggedCreationActions;
/** Spending on the other Bedrock endpoints (Mantle): no application profile attributes it. */
export const endpointActions: readonly string[] = modelActionData.endpointActions;
/** Model resources InvokeModel takes that no application profile can wrap. */
export const taggedModelResources: readonly string[] = modelActionData.taggedModelResources;

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
  const perKey = (prefix: string, key: string, index: number) => `${prefix}${index + 1}${sidPart(key)}`;
  return [
    document(
      "bedrock-invoke-through-application-profiles",
      "Bedrock models run only through application inference profiles or tagged model resources",
      [
        {
          Sid: "DenyModelUseOutsideApplicationProfiles",
          Effect: "Deny",
          Action: [...modelActions],
          Resource: modelResources,
          Condition: { ArnNotLike: { "bedrock:InferenceProfileArn": applicationProfiles } },
        },
        {
          // Their requests carry no bedrock:InferenceProfileArn, so no profile can lift the Deny:
          // only the roles whose resources the pack judges (tags, model properties) run them.
          Sid: "DenyModelJobsOutsideDeployRoles",
          Effect: "Deny",
          Action: [...modelJobActions],
          Resource: modelResources,
          Condition: exempt,
        },
        {
          // The user guide's cost page attributes Mantle by Projects, not inference profiles, and
          // nothing here creates or tags projects: closed until that is designed.
          Sid: "DenyMantleSpendOutsideDeployRoles",
          Effect: "Deny",
          Action: [...endpointActions],
          Resource: "*",
          Condition: exempt,
        },
        // Provisioned, imported and custom-deployed models cannot sit behind an application
        // profile: they are invoked only when they carry every mandatory tag (one key per statement).
        ...inputs.mandatoryTags.map((key, index) => ({
          Sid: perKey("TaggedModelOnly", key, index),
          Effect: "Deny" as const,
          Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
          Resource: [...taggedModelResources],
          Condition: { Null: { [`aws:ResourceTag/${key}`]: "true" } },
        })),
      ],
    ),
    document(
      "bedrock-profiles-carry-cost-tags",
      "Application profiles, provisioned throughput and model customization are created with every mandatory cost tag",
      // One statement per key: several keys in one Null block are ANDed, which would deny only a
      // request that lacks all of them.
      inputs.mandatoryTags.map((key, index) => ({
        Sid: perKey("RequireTag", key, index),
        Effect: "Deny",
        Action: ["bedrock:CreateInferenceProfile", ...taggedCreationActions],
        Resource: "*",
        Condition: { Null: { [`aws:RequestTag/${key}`]: "true" }, ...exempt },
      })),
    ),
    document(
      "bedrock-profile-cost-tags-locked",
      "Only the deploy and break-glass roles create application profiles or set their mandatory tags",
      [
        {
          // A profile tagged tenant=claims by anyone would spend claims' budget and could trip its
          // deny action: profiles come from tenant files through the deploy role, nowhere else.
          Sid: "DenyProfileCreationOutsideDeployRoles",
          Effect: "Deny",
          Action: "bedrock:CreateInferenceProfile",
          Resource: "*",
          Condition: exempt,
        },
        {
          Sid: "DenyRemovingMandatoryTags",
          Effect: "Deny",
          Action: "bedrock:UntagResource",
          Resource: applicationProfiles,
          Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": [...inputs.mandatoryTags] }, ...exempt },
        },
        {
          // On every profile, tagged or not: tagging an untagged profile tenant=claims is the same attack.
          Sid: "DenyChangingTenantOrEnvironment",
          Effect: "Deny",
          Action: "bedrock:TagResource",
          Resource: applicationProfiles,
          Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": [...lockedTagKeys] }, ...exempt },
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
