import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { ServiceControlPolicyDocument } from "../../src/scp/documents";

/**
 * Evaluates requests as IAM does, with @cloud-copilot/iam-simulate (AGPL: a devDependency used by
 * tests only): the identity policies of the caller, and the SCPs attached at the root (FullAWSAccess,
 * as Organizations attaches it) and at the workload OU (FullAWSAccess plus the generated SCPs).
 */
export const accountId = "111122223333";
const fullAwsAccess = {
  name: "FullAWSAccess",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

/** One authorisation check AWS makes for an API call: an action on a resource, with its context keys. */
export interface AuthorizationRequest {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export interface Principal {
  arn: string;
  identityPolicies: Array<{ name: string; policy: object }>;
}

export async function decide(
  principal: Principal,
  request: AuthorizationRequest,
  scps: readonly ServiceControlPolicyDocument[],
): Promise<Decision> {
  const result = await runSimulation(
    {
      request: {
        principal: principal.arn,
        action: request.action,
        resource: { resource: request.resource, accountId },
        contextVariables: { "aws:PrincipalArn": principal.arn, ...request.context },
      },
      identityPolicies: principal.identityPolicies,
      serviceControlPolicies: [
        { orgIdentifier: "r-exam", policies: [fullAwsAccess] },
        {
          orgIdentifier: "ou-exam-12345678",
          policies: [
            fullAwsAccess,
            ...scps.map((scp) => ({ name: scp.name, policy: JSON.parse(scp.content) as object })),
          ],
        },
      ],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === "error")
    throw new Error(`iam-simulate refused the request: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}

/**
 * An API call is allowed when every check AWS makes for it is allowed; otherwise the first
 * refusal answers (an explicit deny wins over an implicit one).
 */
export async function decideCall(
  principal: Principal,
  checks: readonly AuthorizationRequest[],
  scps: readonly ServiceControlPolicyDocument[],
): Promise<Decision> {
  const decisions = await Promise.all(checks.map((check) => decide(principal, check, scps)));
  if (decisions.includes("ExplicitlyDenied")) return "ExplicitlyDenied";
  if (decisions.includes("ImplicitlyDenied")) return "ImplicitlyDenied";
  return "Allowed";
}
