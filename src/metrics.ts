import type * as pulumi from "@pulumi/pulumi";

/** CloudWatch namespace of Bedrock runtime metrics. */
export const bedrockNamespace = "AWS/Bedrock";

export type AlarmDimension = "profileId" | "profileArn";

/**
 * The one place that decides how a profile is named in Bedrock's `ModelId` metric dimension.
 * Public samples publish an application profile's metrics under its 12-character id; AWS
 * documentation does not say it plainly, so the stack can switch to the ARN
 * (`alarmDimension: profileArn`) without touching the alarms.
 */
export function profileDimensions(
  profile: { id: pulumi.Input<string>; arn: pulumi.Input<string> },
  choice: AlarmDimension,
): { ModelId: pulumi.Input<string> } {
  return { ModelId: choice === "profileArn" ? profile.arn : profile.id };
}
