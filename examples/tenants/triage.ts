export default {
  name: "triage",
  account: "claims-ai",
  // The only tenant of claims-ai: the export groups it apart, as the program does.
  tags: { dept: "claims", team: "intake", app: "claims_triage", "cost-center": "CC-5400" },
  notify: { emails: ["claims-intake@insurer.test"] },
  profiles: [{ name: "classifier", model: "anthropic.claude-3-haiku-20240307-v1:0" }],
  budget: { monthlyUsd: 600 },
};
