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
