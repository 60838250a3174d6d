import { globMatch } from "../../../policies/lib/glob";
import { conditionEntries } from "../../../policies/lib/iam";

/** A service that publishes to an SNS topic, as the topic's policy must admit it. */
export interface Publisher {
  /** `cloudwatch.amazonaws.com`, `budgets.amazonaws.com`, `costalerts.amazonaws.com`. */
  service: string;
  /** The account that owns the alarm, budget or anomaly subscription (`aws:SourceAccount`). */
  sourceAccount: string;
  /** The alarm's ARN, where the publisher has one (`aws:SourceArn`). */
  sourceArn?: string;
  /** CloudWatch must be scoped: AWS's confused-deputy guidance for alarm topics. */
  requireScope: boolean;
}

/**
 * Whether a topic policy lets `publisher` call `sns:Publish` on `topicArn`: an Allow statement
 * naming the service (or `*`) as principal, an action covering `sns:Publish`, a resource covering the
 * topic, and any `aws:SourceAccount` / `aws:SourceArn` condition matching the publisher. A Deny is
 * not evaluated (the program writes none); a policy that is not JSON grants nothing.
 */
export function grantsPublish(policy: string, topicArn: string, publisher: Publisher): boolean {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return false;
  }
  const statements = asList((document as { Statement?: unknown } | null)?.Statement);
  return statements.some((statement) => {
    if (!isRecord(statement) || String(statement.Effect) !== "Allow") return false;
    if (!namesService(statement.Principal, publisher.service)) return false;
    if (
      !asList(statement.Action).some((action) =>
        globMatch(String(action), "sns:Publish", { ignoreCase: true }),
      )
    )
      return false;
    if (!asList(statement.Resource).some((resource) => globMatch(String(resource), topicArn))) return false;
    const condition = isRecord(statement.Condition) ? statement.Condition : {};
    const accounts = conditionEntries(condition, "aws:SourceAccount").flatMap((entry) => entry.values);
    const arns = conditionEntries(condition, "aws:SourceArn").flatMap((entry) => entry.values);
    if (publisher.requireScope && accounts.length === 0 && arns.length === 0) return false;
    if (
      accounts.length > 0 &&
      !accounts.some((value) => typeof value === "string" && globMatch(value, publisher.sourceAccount))
    )
      return false;
    if (
      arns.length > 0 &&
      !(
        publisher.sourceArn &&
        arns.some((value) => typeof value === "string" && globMatch(value, publisher.sourceArn!))
      )
    )
      return false;
    return true;
  });
}

function namesService(principal: unknown, service: string): boolean {
  if (principal === "*") return true;
  if (!isRecord(principal)) return false;
  if (principal.AWS === "*") return true;
  return asList(principal.Service).some((entry) => entry === service);
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
