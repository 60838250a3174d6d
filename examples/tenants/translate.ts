export default {
  name: "translate",
  account: "shared-ai",
  // Alerts at 80% and 100% only, instead of the default 50/80/100.
  tags: { dept: "digital", team: "localisation", app: "translate_api", "cost-center": "CC-5300" },
  notify: { emails: ["localisation@example.com"] },
  profiles: [{ name: "translator", model: "anthropic.claude-3-haiku-20240307-v1:0" }],
  budget: { monthlyUsd: 800, alertAtPercent: [80, 100] },
};
