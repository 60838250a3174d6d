import { defineTenant } from "../src/tenant";

/** Risk assessment: batch scoring of underwriting files, routed across US Regions for throughput. */
export default defineTenant({
  name: "risk-assessment",
  account: "claims-ai",
  tags: { dept: "risk", team: "actuarial-ml", app: "risk_scoring", "cost-center": "CC-5200" },
  notify: { emails: ["risk-ml@insurer.test"] },
  profiles: [
    {
      name: "scoring",
      model: "anthropic.claude-3-5-sonnet-20240620-v1:0",
      crossRegion: "us",
      description: "Risk scoring via the US cross-Region profile",
    },
  ],
  budget: { monthlyUsd: 6000 },
  alarms: { maxInvocationsPerMinute: 400 },
});
