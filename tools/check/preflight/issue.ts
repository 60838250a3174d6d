import { describeValue } from "../../../src/validation";

/** One value of a planned resource that AWS would refuse, or a setup that would silently not work. */
export interface PreflightIssue {
  urn: string;
  type: string;
  /** Logical name of the resource. */
  name: string;
  /** The Pulumi input, with list indexes and map keys (`notifications[2].threshold`, `tags.team`). */
  input: string;
  /** What AWS would do, with the rule: `Bedrock CreateInferenceProfile would reject it: ...`. */
  rule: string;
  value: unknown;
}

/** The issue's sentence, value included: `<rule>, got "<value>"`. */
export const issueMessage = (issue: PreflightIssue): string =>
  `${issue.rule}, got ${describeValue(issue.value)}`;

/** How an operation's service names itself in an error (`bedrock:CreateInferenceProfile` → `Bedrock CreateInferenceProfile`). */
const serviceNames: Readonly<Record<string, string>> = {
  bedrock: "Bedrock",
  budgets: "AWS Budgets",
  cloudwatch: "CloudWatch",
  sns: "SNS",
  ssm: "Systems Manager",
  iam: "IAM",
  ce: "Cost Explorer",
};

export function operationLabel(operation: string): string {
  const [service, name] = operation.split(":");
  return `${serviceNames[service] ?? service} ${name}`;
}
