export default {
  name: "support",
  account: "shared-ai",
  // A deny budget: past 100% AWS Budgets attaches a Bedrock deny policy to the workload role.
  tags: { dept: "service", team: "support", app: "support_bot", "cost-center": "CC-5200" },
  notify: { emails: ["support@insurer.test"] },
  profiles: [{ name: "assistant", model: "amazon.nova-lite-v1:0", crossRegion: "us" }],
  budget: { monthlyUsd: 1500, onExceed: "deny" },
  workloadRoles: ["support-bot"],
};
