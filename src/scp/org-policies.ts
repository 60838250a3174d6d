import type { OrgConfig } from "../org-config";
import type { GovernedEnvironmentTenants } from "../org-stack";
import type { InputError } from "../validation";
import { type ServiceControlPolicyDocument, serviceControlPolicyDocuments } from "./documents";
import { scpSizeProblem, scpsPerTargetProblem } from "./limits";

/** The org stack's SCPs: exempt are every governed environment's deploy roles and the break-glass roles. */
export function orgServiceControlPolicies(
  config: OrgConfig,
  environments: readonly GovernedEnvironmentTenants[],
): ServiceControlPolicyDocument[] {
  if (!config.serviceControlPolicies.manage) return [];
  const exemptRoleArns = [
    ...new Set([
      ...environments.flatMap((environment) => environment.deployRoleArns),
      ...config.serviceControlPolicies.breakGlassRoleArns,
    ]),
  ];
  return serviceControlPolicyDocuments({ mandatoryTags: config.mandatoryTags, exemptRoleArns });
}

/** AWS's size and per-target limits, as input errors of the org stack file (nothing is planned past them). */
export function serviceControlPolicyLimitErrors(
  config: OrgConfig,
  documents: readonly ServiceControlPolicyDocument[],
  file: string,
): InputError[] {
  const errors: InputError[] = [];
  const path = "bedrock-cost-governance:serviceControlPolicies";
  for (const scp of documents) {
    const problem = scpSizeProblem(scp.name, scp.content);
    if (problem) errors.push({ file, path, message: problem });
  }
  if (documents.length === 0) return errors;
  config.serviceControlPolicies.targets.forEach((target, index) => {
    const problem = scpsPerTargetProblem(
      target,
      documents.length,
      config.serviceControlPolicies.otherPoliciesPerTarget,
    );
    if (problem) errors.push({ file, path: `${path}.targets[${index}]`, message: problem });
  });
  return errors;
}
