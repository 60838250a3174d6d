import { PolicyPack } from "@pulumi/policy";

// Served by the same run-policy-pack entry point as the real pack: every Analyze and AnalyzeStack
// is received, decoded and answered, and nothing is judged.
new PolicyPack("empty-pack", { policies: [] });
