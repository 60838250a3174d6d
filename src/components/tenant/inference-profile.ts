import { InferenceProfile } from "../../aws-types/inference-profile";
import { SsmParameter } from "../../aws-types/ssm-parameter";
import * as pulumi from "@pulumi/pulumi";
import { foundationModelArn, profileIdFromArn, systemProfileArn } from "../../arns";
import { logicalName } from "../../naming";
import type { StackProfile, StackTenant } from "../../stack-tenants";

export interface ProfileResources {
  profile: StackProfile;
  inferenceProfile: InstanceType<typeof InferenceProfile>;
  arn: pulumi.Output<string>;
  /** The 12-character id (last ARN segment): what CloudWatch's `ModelId` dimension carries for a profile. */
  id: pulumi.Output<string>;
  parameter: InstanceType<typeof SsmParameter>;
}

/** Tags of one profile: the tenant's cost tags plus which profile and model it is. */
export function profileTags(tenant: StackTenant, profile: StackProfile): Record<string, string> {
  return { ...tenant.tags, profile: profile.name, model: profile.model };
}

/**
 * What the profile copies: the system-defined cross-Region profile, or the single-Region
 * foundation model. (`copyFrom` forces replacement: a change here gives callers a new ARN.)
 */
export function copyFromArn(tenant: StackTenant, profile: StackProfile): string {
  return profile.crossRegion
    ? systemProfileArn(tenant.region, tenant.accountId, profile.crossRegion, profile.model)
    : foundationModelArn(tenant.region, profile.model);
}

/**
 * The application inference profile (the only Bedrock resource that carries cost allocation
 * tags) and the SSM parameter applications read its ARN from.
 */
export function createProfile(
  tenant: StackTenant,
  profile: StackProfile,
  parent: pulumi.Resource,
): ProfileResources {
  const tags = profileTags(tenant, profile);
  const inferenceProfile = new InferenceProfile(
    logicalName(tenant.name, profile.name),
    {
      name: profile.awsName,
      description: profile.description,
      modelSource: { copyFrom: copyFromArn(tenant, profile) },
      tags,
    },
    // A replaced profile gets a new ARN and breaks every caller: protected environments refuse it.
    { parent, protect: tenant.protect },
  );
  const arn = inferenceProfile.arn;
  const parameter = new SsmParameter(
    logicalName(tenant.name, profile.name, "arn"),
    {
      name: profile.parameterName,
      type: "String",
      value: arn,
      description: `Application inference profile ARN of ${tenant.name}/${profile.name} (${tenant.environment})`,
      tags,
    },
    { parent },
  );
  return { profile, inferenceProfile, arn, id: arn.apply(profileIdFromArn), parameter };
}
