/**
 * Application inference profiles in their two shapes. Classic (`aws:bedrock/inferenceProfile`):
 * `name`, `modelSource.copyFrom`, `tags` map, outputs `arn` (and `id` on bridged resources).
 * Native (`aws-native:bedrock:ApplicationInferenceProfile`): `inferenceProfileName`,
 * `modelSource.copyFrom`, `tags` list, outputs `inferenceProfileArn`, `inferenceProfileId`,
 * `inferenceProfileIdentifier`.
 */
import { applicationProfileId } from "./arn";
import { type JsonRecord, type Maybe, at, text } from "./values";

/** The profile's source model (`modelSource.copyFrom`). */
export function copyFromOf(props: JsonRecord): Maybe<string> {
  return text(at(props, "modelSource", "copyFrom"));
}

/**
 * Every string that identifies the profile in CloudWatch and IAM once known: its ARN and the
 * 12-character id inside it. Public samples put the id in the `ModelId` dimension; accepting the
 * ARN too keeps the policy right if AWS documents the other (facts: cloudwatch).
 */
export function profileIdentifiers(props: JsonRecord): { known: Set<string>; unknown: boolean } {
  const known = new Set<string>();
  let unknown = false;
  for (const key of [
    "arn",
    "inferenceProfileArn",
    "inferenceProfileId",
    "inferenceProfileIdentifier",
    "id",
  ]) {
    const value = text(at(props, key));
    if (typeof value === "string" && value.length > 0 && value.length <= 2048) {
      known.add(value);
      const id = applicationProfileId(value);
      if (id) known.add(id);
    } else if (value !== undefined && key.toLowerCase().includes("arn")) {
      unknown = true;
    }
  }
  return { known, unknown: unknown || !Array.from(known).some((value) => value.startsWith("arn:")) };
}
