import { defineTenant } from "../src/tenant";

/** Claims automation: the first-notice-of-loss chatbot. */
export default defineTenant({
  name: "claims",
  account: "claims-ai",
  tags: { dept: "claims", team: "automation", app: "claims_chatbot", "cost-center": "CC-4100" },
  notify: { emails: ["claims-automation@insurer.test", "finops@insurer.test"] },
  profiles: [
    { name: "chatbot", model: "anthropic.claude-3-haiku-20240307-v1:0", description: "Claims FNOL chatbot" },
  ],
  budget: { monthlyUsd: 2500, alertAtPercent: [50, 80, 100] },
  alarms: { maxThrottlesPer5Minutes: 20 },
  environments: { dev: { budget: { monthlyUsd: 300 } } },
});
