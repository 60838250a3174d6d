/**
 * AWS Organizations' limits on SCPs (orgs_reference_limits.html): a policy document of at most
 * 5,120 characters, and at most 5 SCPs attached to one root, OU or account (FullAWSAccess, which
 * Organizations attaches by default, counts). Pure functions over documents and attachments, so
 * the org stack's input validation and an AWS preflight over planned resources can both use them.
 * Every character counts here: the documents are sent compact, so this is the strict reading of
 * the quota whichever way Organizations treats whitespace.
 */
export const serviceControlPolicyMaxCharacters = 5120;
export const serviceControlPoliciesPerTarget = 5;

export function scpSizeProblem(name: string, content: string): string | undefined {
  if (content.length <= serviceControlPolicyMaxCharacters) return undefined;
  return `the SCP "${name}" is ${content.length.toLocaleString("en-US")} characters; AWS Organizations allows ${serviceControlPolicyMaxCharacters.toLocaleString("en-US")}: name fewer deploy or break-glass roles (a role pattern with * covers several accounts) or fewer mandatory tags`;
}

export function scpsPerTargetProblem(
  target: string,
  ownPolicies: number,
  otherPolicies: number,
): string | undefined {
  const total = ownPolicies + otherPolicies;
  if (total <= serviceControlPoliciesPerTarget) return undefined;
  return `${target} would have ${total} SCPs attached (${ownPolicies} from this stack, ${otherPolicies} already there, FullAWSAccess included); AWS Organizations allows ${serviceControlPoliciesPerTarget} per root, OU or account: attach to a parent OU instead, or set serviceControlPolicies.manage: false and merge them into your own`;
}
