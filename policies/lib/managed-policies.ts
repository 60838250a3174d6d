/**
 * AWS managed policies judged by their documents: the table (data/aws-managed-policies.json) is
 * derived by `npm run generate` from every AWS managed policy's current document with this pack's own
 * evaluator, so attaching `AmazonBedrockFullAccess` is judged exactly like pasting its document
 * inline. An AWS managed ARN the table does not know (a policy AWS added since) fails closed.
 */
import managedTable from "./data/aws-managed-policies.json";

export interface ManagedPolicyTable {
  source: string;
  /** Every AWS managed policy, as `<path><name>` (`service-role/AWSLambdaRole`). */
  names: string[];
  /** Policy → how its document lets callers invoke models around the profiles. */
  bypasses: Record<string, string>;
  /** Policy → the statement that lets callers create profiles without the mandatory tags. */
  mints: Record<string, string>;
}

export const managedPolicies: ManagedPolicyTable = managedTable;
const known = new Set(managedPolicies.names);

export type ManagedVerdict =
  | { kind: "customer" }
  | { kind: "unknown-aws"; name: string }
  | { kind: "aws"; name: string; bypass?: string; mint?: string };

// AWS managed policies live in the `aws` account of every partition: arn:<partition>:iam::aws:policy/<path><name>.
const awsManagedArn = /^arn:[a-z-]{1,32}:iam::aws:policy\/(.{1,512})$/;

export function judgeManagedArn(arn: string): ManagedVerdict {
  const match = awsManagedArn.exec(arn.length > 2048 ? "" : arn);
  if (!match) return { kind: "customer" };
  const name = match[1];
  if (!known.has(name)) return { kind: "unknown-aws", name };
  return {
    kind: "aws",
    name,
    bypass: Object.prototype.hasOwnProperty.call(managedPolicies.bypasses, name)
      ? managedPolicies.bypasses[name]
      : undefined,
    mint: Object.prototype.hasOwnProperty.call(managedPolicies.mints, name)
      ? managedPolicies.mints[name]
      : undefined,
  };
}
