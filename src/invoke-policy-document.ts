import type { PolicyDocument } from "@pulumi/aws/iam/documents";
import { iamPolicySize, awsQuotas } from "./aws-quotas";
import {
  applicationProfileArnPattern,
  foundationModelArn,
  partitionOf,
  ssmParameterArn,
  systemProfileArn,
} from "./arns";
import { ssmParameterPath } from "./naming";
import type { StackTenant } from "./stack-tenants";

/**
 * The IAM actions that invoke a model. They also authorize Converse and ConverseStream:
 * there is no `bedrock:Converse` IAM action.
 */
export const bedrockInvokeActions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

/** What the tenant's invoke policy is built from. */
export type InvokePolicyTenant = Pick<
  StackTenant,
  "name" | "environment" | "region" | "accountId" | "profiles"
>;

/** The one call resolver/'s `parameterStoreSource` makes to find a profile ARN. */
export const profileLookupAction = "ssm:GetParametersByPath";

/**
 * Lets the tenant's workloads call its profiles and nothing around them, as AWS documents for
 * application inference profiles (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html)
 * and as AWS's CDK construct grants (generative-ai-cdk-constructs,
 * src/cdk-lib/bedrock/inference-profiles/cross-region-inference-profile.ts `grantInvoke`: the model in
 * all Regions plus the system profile ARN of the caller's Region and account):
 * 1. invoke (and read) the tenant's own application profiles, each ARN once;
 * 2. invoke what those profiles route to, only when the request goes through an application
 *    profile (`bedrock:InferenceProfileArn`): the foundation model (in every Region for a
 *    cross-Region profile) and, for a cross-Region profile, the system-defined `<geo>.<model>`
 *    profile it was copied from. A direct model call carries no such key and a direct call of a
 *    system profile names a system profile, so both stay denied.
 * The condition admits the account's application profiles by pattern rather than listing the
 * tenant's again: statement 1 already limits which profiles the caller may use, so it grants
 * nothing more, and the document no longer holds every profile ARN twice (IAM takes 6,144
 * characters in a managed policy; a tenant's cross-Region profiles written three times could pass it).
 * A grant conditioned on `aws:ResourceTag/tenant` would not grow with the profiles (the Service
 * Authorization Reference lists that key for `application-inference-profile`), but it would let
 * anyone who may tag a profile in the account route through it; the ARN list fits for every tenant
 * the schema accepts (test/integration/preflight-property.test.ts), so it stays.
 * 3. find its own profile ARNs as resolver/ does (`parameterStoreSource` with `path` set to the
 *    tenant's path): `ssm:GetParametersByPath` on that one path. IAM authorizes the call on the
 *    path's `parameter` ARN (the action's only resource type; its only condition key is
 *    `ssm:Recursive`, per iam-data), so another tenant's or environment's path stays denied.
 *    `tag:GetResources` (resolver's `tagSource`) is not granted: iam-data lists it as wildcard-only
 *    with no condition key, so it would show every tagged resource of the account and Region,
 *    other tenants' profiles included.
 */
export function invokePolicyDocument(tenant: InvokePolicyTenant, profileArns: string[]): PolicyDocument {
  const routed = new Set<string>();
  for (const profile of tenant.profiles) {
    routed.add(foundationModelArn(profile.crossRegion ? "*" : tenant.region, profile.model, tenant.region));
    if (profile.crossRegion)
      routed.add(systemProfileArn(tenant.region, tenant.accountId, profile.crossRegion, profile.model));
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "InvokeThroughProfiles",
        Effect: "Allow",
        Action: [...bedrockInvokeActions, "bedrock:GetInferenceProfile"],
        Resource: profileArns,
      },
      {
        Sid: "ModelsOnlyViaProfiles",
        Effect: "Allow",
        Action: bedrockInvokeActions,
        Resource: [...routed],
        Condition: {
          ArnLike: {
            "bedrock:InferenceProfileArn": applicationProfileArnPattern(tenant.region, tenant.accountId),
          },
        },
      },
      {
        Sid: "ResolveOwnProfiles",
        Effect: "Allow",
        Action: [profileLookupAction],
        Resource: [
          ssmParameterArn(tenant.region, tenant.accountId, ssmParameterPath(tenant.environment, tenant.name)),
        ],
      },
    ],
  } satisfies PolicyDocument;
}

/**
 * Why the tenant's invoke policy would not fit IAM's managed-policy size, or undefined. Exact before
 * any profile exists: an application profile ARN always ends in a 12-character id.
 */
export function invokePolicySizeProblem(tenant: InvokePolicyTenant): string | undefined {
  const placeholderArns = tenant.profiles.map(
    (_, index) =>
      `arn:${partitionOf(tenant.region)}:bedrock:${tenant.region}:${tenant.accountId}:application-inference-profile/${String(index).padStart(12, "0")}`,
  );
  const size = iamPolicySize(JSON.stringify(invokePolicyDocument(tenant, placeholderArns)));
  return size > awsQuotas.managedPolicyDocumentChars
    ? `the invoke policy of these profiles would hold ${size.toLocaleString("en-US")} characters; IAM takes ${awsQuotas.managedPolicyDocumentChars.toLocaleString("en-US")} in a managed policy: use fewer distinct models or shorter stack model ids`
    : undefined;
}
