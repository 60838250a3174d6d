import type * as ssm from "@pulumi/aws/ssm";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** Where applications read a profile's ARN (src/naming.ts: the parameter layout). */
export const ssmParameter = defineAwsType({
  type: "aws:ssm/parameter:Parameter",
  outputs: [],
  // As the provider's class declares: a parameter's value is secret, as input and in state.
  defaults: { additionalSecretOutputs: ["value", "valueWo"] },
  secretInputs: ["value", "valueWo"],
  api: {
    operation: "ssm:PutParameter",
    members: {
      name: "Name",
      description: "Description",
      type: "Type",
      value: "Value",
      ...tagMembers("Tags"),
    },
  },
  refresh: {
    stack: "environment",
    actions: ["ssm:GetParameter", "ssm:DescribeParameters", "ssm:ListTagsForResource"],
    source:
      "ssm/parameter.go@0073593: resourceParameterRead → findParameterByName (GetParameter), findParameterMetadataByName (DescribeParameters); tags",
  },
  mock: {
    arn: {
      iamResourceType: "ssm:parameter",
      format: "arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}",
    },
    id: "${ParameterName}",
  },
});

export const SsmParameter = leanResource<ssm.ParameterArgs>(ssmParameter);
