import { defineTenant } from "../src/tenant";

/**
 * Policy recommendations for brokers: a recommender and a cheap summariser. Spend is
 * capped hard: past 100% of the budget, AWS Budgets denies Bedrock to the API's role.
 */
export default defineTenant({
  name: "policy-recommendations",
  tags: { dept: "underwriting", team: "digital-broker", app: "policy_recs_api", "cost-center": "CC-3150" },
  notify: { emails: ["digital-broker@insurer.test"] },
  profiles: [
    { name: "recommender", model: "anthropic.claude-sonnet-4-20250514-v1:0", crossRegion: "us" },
    { name: "summarizer", model: "amazon.nova-micro-v1:0" },
  ],
  budget: { monthlyUsd: 4000, onExceed: "deny" },
  workloadRoles: ["policy-recs-api"],
  environments: { dev: { budget: { monthlyUsd: 400 }, workloadRoles: ["policy-recs-api-dev"] } },
});
