import { defineTenant } from "../src/tenant";

/** Sales support: the agent-assist chat app used by the contact centre. */
export default defineTenant({
  name: "sales-support",
  tags: { dept: "sales", team: "support", app: "chat_app", "cost-center": "CC-2300" },
  notify: {
    emails: ["sales-support-leads@insurer.test"],
    snsTopicArns: ["arn:aws:sns:us-east-1:111122223333:sales-oncall"],
  },
  profiles: [
    {
      name: "assistant",
      model: "amazon.nova-lite-v1:0",
      description: "Agent-assist answers for sales support",
    },
  ],
  budget: { monthlyUsd: 10_000, alertAtPercent: [50, 75, 90, 100], forecastAtPercent: 110 },
  environments: {
    dev: { budget: { monthlyUsd: 1_000 }, notify: { emails: ["sales-support-dev@insurer.test"] } },
  },
});
