import { defineTenant } from "../src/tenant";

/** Underwriting assistant: in pilot with production data only, so it has no dev footprint. */
export default defineTenant({
  name: "underwriting",
  tags: { dept: "underwriting", team: "commercial-lines", app: "uw_assistant", "cost-center": "CC-3100" },
  notify: { emails: ["uw-assistant@insurer.test"] },
  profiles: [{ name: "assistant", model: "amazon.nova-pro-v1:0", crossRegion: "us" }],
  budget: { monthlyUsd: 1500, alertAtPercent: [80, 100] },
  environments: { dev: { enabled: false } },
});
