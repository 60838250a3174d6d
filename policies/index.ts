import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("bedrock-cost-guardrails", { policies });
