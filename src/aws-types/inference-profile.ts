import type * as bedrock from "@pulumi/aws/bedrock";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** A tenant's application inference profile: the ARN its applications call Bedrock through. */
export const inferenceProfile = defineAwsType({
  type: "aws:bedrock/inferenceProfile:InferenceProfile",
  outputs: ["arn"],
  api: {
    operation: "bedrock:CreateInferenceProfile",
    members: {
      name: "inferenceProfileName",
      description: "description",
      modelSource: "modelSource",
      "modelSource.copyFrom": "modelSource.copyFrom",
      ...tagMembers("tags", "key", "value"),
    },
  },
  refresh: {
    stack: "environment",
    actions: ["bedrock:GetInferenceProfile", "bedrock:ListTagsForResource"],
    source:
      "bedrock/inference_profile.go@dc6cd32: Read → findInferenceProfileByID (GetInferenceProfile); @Tags(identifierAttribute=arn)",
  },
  mock: {
    arn: {
      iamResourceType: "bedrock:application-inference-profile",
      format: "arn:${Partition}:bedrock:${Region}:${Account}:application-inference-profile/${ResourceId}",
    },
    // An application inference profile id is 12 lowercase alphanumerics.
    values: { ResourceId: { base36: 12 } },
  },
});

export const InferenceProfile = leanResource<bedrock.InferenceProfileArgs, "arn">(inferenceProfile);
