export default {
  name: "translate",
  account: "shared-ai",
  // Alerts at 80% and 100% only, instead of the default 50/80/100. Its alarms also go to the team's
  // on-call SNS topic, in the tenant's Region and account (CloudWatch publishes only there), and its
  // profile has a description (Bedrock replaces a profile whose description changes).
  tags: { dept: "digital", team: "localisation", app: "translate_api", "cost-center": "CC-5300" },
  notify: {
    emails: ["localisation@insurer.test"],
    snsTopicArns: ["arn:aws:sns:us-east-1:111122223333:localisation-oncall"],
  },
  profiles: [
    { name: "translator", model: "anthropic.claude-3-haiku-20240307-v1:0", description: "Site translation" },
  ],
  budget: { monthlyUsd: 800, alertAtPercent: [80, 100] },
};
