/**
 * The mandatory cost tags of a compliant claims chatbot profile, shared by the unit tests of
 * bedrock-profile-cost-tags and the pack's integration test so both judge the same profile.
 */
export const claimsChatbotTags = {
  tenant: "claims",
  environment: "dev",
  dept: "operations",
  team: "claims-ai",
  app: "chatbot",
  "cost-center": "CC-1042",
};

/**
 * The ARNs the tests judge, one spelling each: application profiles (what callers must go through),
 * and the foundation model and system-defined profile that are the paths around them.
 */
export const profileArn = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdef123456";
export const otherProfileArn =
  "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/0a1b2c3d4e5f";
export const modelArn = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
export const systemProfileArn =
  "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0";
