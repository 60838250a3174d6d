export default {
  name: "search",
  // No `account`: the stack's defaultAccount (shared-ai). One of three budgets in shared-ai: together
  // they pass AWS's free tier of two, and share its cost.
  tags: { dept: "digital", team: "search", app: "site_search", "cost-center": "CC-5100" },
  notify: { emails: ["search@insurer.test"] },
  profiles: [{ name: "rerank", model: "amazon.nova-micro-v1:0" }],
  budget: { monthlyUsd: 300 },
};
