import assert from "node:assert/strict";
import { isApplicationInferenceProfileArn } from "..";

describe("resolver ARN check", () => {
  const accepted = [
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
    "arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:application-inference-profile/abc123",
    "arn:aws-cn:bedrock:cn-north-1:123456789012:application-inference-profile/abc123",
  ];
  const refused = [
    "anthropic.claude-3-5-sonnet-20240620-v1:0",
    "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
    "arn:aws:bedrock:us-east-1:12345:application-inference-profile/abc123",
    "arn:aws:s3:us-east-1:123456789012:application-inference-profile/abc123",
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123\n",
    "",
  ];
  for (const arn of accepted) {
    it(`accepts the application inference profile ARN ${arn}`, () =>
      assert.equal(isApplicationInferenceProfileArn(arn), true));
  }
  for (const value of refused) {
    it(`refuses ${JSON.stringify(value)}, which would bypass the tenant's tags`, () =>
      assert.equal(isApplicationInferenceProfileArn(value), false));
  }
  it("refuses non-strings", () => assert.equal(isApplicationInferenceProfileArn(undefined), false));
});
