import type { StackConfig } from "./config";
import { projectName } from "./naming";

/**
 * Which credentials a provider uses is decided outside the program, by one AWS shared-config profile
 * per account alias (and one for the payer account). The program names the profile; the job's AWS
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
export const billingProfileName = `${projectName}-billing`;

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

/** Every profile the program of this stack reads, with the role each maps to for `role`. */
export function stackAwsProfiles(config: StackConfig, role: CredentialRole): AwsProfile[] {
  const field = role === "deploy" ? "roleArn" : "previewRoleArn";
  const profiles: AwsProfile[] = Object.entries(config.accounts).map(([alias, account]) => ({
    name: accountProfileName(alias),
    accountId: account.accountId,
    roleArn: account[field],
    configPath: `accounts.${alias}.${field}`,
  }));
  if (config.billing.manage) {
    profiles.push({
      name: billingProfileName,
      accountId: config.billing.accountId,
      roleArn: config.billing[field],
      configPath: `billing.${field}`,
    });
  }
  return profiles;
}
