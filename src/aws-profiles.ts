import type { StackConfig } from "./config";
import { projectName } from "./naming";
import type { OrgConfig } from "./org-config";

/**
 * Which credentials a provider uses is decided outside the program, by one AWS shared-config profile
 * per account alias (and one for the payer account, in the org stack). The program names the profile; the job's AWS
 * config (written by `tools/aws-config.ts`) maps it to a role: the read-only preview role in a PR
 * preview, the deploy role in `pulumi up`, a break-glass source by hand.
 *
 * Why profiles and not `assumeRoles: [{ roleArn }]`: provider inputs are stored in the state and
 * diffed. With the role ARN as an input, a preview under another role than the deploy shows every
 * provider changed, and the role a job may use would be chosen by code a PR controls. With a fixed
 * profile name the inputs are identical in preview and deploy, and the role comes from the job.
 * `allowedAccountIds` stays an input: a profile mapped to the wrong account fails before any call.
 */
export const accountProfileName = (alias: string): string => `${projectName}-account-${alias}`;
export const payerProfileName = `${projectName}-payer`;

/** The two kinds of role a job may hold: `deploy` writes, `preview` only reads. */
export const credentialRoles = ["deploy", "preview"] as const;
export type CredentialRole = (typeof credentialRoles)[number];

export interface AwsProfile {
  /** The profile the program's provider reads. */
  name: string;
  accountId: string;
  /** The role this job assumes there, or undefined when the stack config names none for this kind. */
  roleArn: string | undefined;
  /** Where in the stack config the role is set (for error messages). */
  configPath: string;
}

interface RoleSource {
  accountId: string;
  roleArn?: string;
  previewRoleArn?: string;
}

function profileOf(name: string, source: RoleSource, configPath: string, role: CredentialRole): AwsProfile {
  const field = role === "deploy" ? "roleArn" : "previewRoleArn";
  return { name, accountId: source.accountId, roleArn: source[field], configPath: `${configPath}.${field}` };
}

/** Every profile an environment stack's program reads (one per account), with its role for `role`. */
export function environmentAwsProfiles(config: StackConfig, role: CredentialRole): AwsProfile[] {
  return Object.entries(config.accounts).map(([alias, account]) =>
    profileOf(accountProfileName(alias), account, `accounts.${alias}`, role),
  );
}

/** The one profile the org stack's program reads: the payer (management) account's. */
export function organizationAwsProfiles(config: OrgConfig, role: CredentialRole): AwsProfile[] {
  return [profileOf(payerProfileName, config.payer, "payer", role)];
}
