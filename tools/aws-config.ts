/**
 * `npm run aws-config -- --stack NAME --role deploy|preview [--source-profile NAME] [--out FILE]`
 *
 * Writes the AWS shared config that maps every profile the program of a stack reads
 * (src/aws-profiles.ts) to the role this job may use in that account: the read-only preview role in
 * a PR preview, the deploy role in `pulumi up`. Each profile assumes its role from the job's own
 * credentials: `credential_source = Environment` in CI (the OIDC session that
 * aws-actions/configure-aws-credentials exported), or `source_profile = <your SSO profile>` by hand.
 * Point `AWS_CONFIG_FILE` at the output and run `pulumi preview` / `pulumi up` as usual.
 *
 * The SDKs refresh an assumed-role session from its source when it expires, so the chained sessions
 * (at most 1 hour, an IAM rule for role chaining) last as long as the source session does.
 *
 * Exit codes: 0 written, 2 invalid input (unknown stack, invalid config, a role missing for --role).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCli } from "./cli-flags";
import {
  type AwsProfile,
  type CredentialRole,
  credentialRoles,
  environmentAwsProfiles,
  organizationAwsProfiles,
} from "../src/aws-profiles";
import { validateStackConfig } from "../src/config";
import { stackScopeOf, validateOrgConfig } from "../src/org-config";
import { projectName } from "../src/naming";
import { type InputError, formatInputError } from "../src/validation";
import { readStackConfigFile } from "./stack-config-file";

export interface AwsConfigOptions {
  role: CredentialRole;
  /** A profile of the caller's own config to assume from; without it, the environment's credentials. */
  sourceProfile?: string;
  sessionName?: string;
}

const roleAccount = (arn: string) => arn.split(":")[4];

/** The config file's text, or every problem with the profiles (nothing partial). */
export function renderAwsConfig(
  stackFile: string,
  profiles: readonly AwsProfile[],
  options: AwsConfigOptions,
): { text: string } | { errors: InputError[] } {
  const at = (profile: AwsProfile) => `${projectName}:${profile.configPath}`;
  const errors: InputError[] = [];
  for (const profile of profiles) {
    if (profile.roleArn === undefined) {
      errors.push({ file: stackFile, path: at(profile), message: `required for --role ${options.role}` });
    } else if (roleAccount(profile.roleArn) !== profile.accountId) {
      errors.push({
        file: stackFile,
        path: at(profile),
        message: `the role is in account ${roleAccount(profile.roleArn)}, but the provider may only act in ${profile.accountId}`,
      });
    }
  }
  if (options.sourceProfile !== undefined && !/^[\w.+=@-]+$/.test(options.sourceProfile)) {
    errors.push({
      file: "--source-profile",
      path: "",
      message: `"${options.sourceProfile}" is not a profile name`,
    });
  }
  if (errors.length > 0) return { errors };
  const source =
    options.sourceProfile === undefined
      ? "credential_source = Environment"
      : `source_profile = ${options.sourceProfile}`;
  const sessionName = options.sessionName ?? `${projectName}-${options.role}`;
  const sections = profiles.map((profile) =>
    [
      `[profile ${profile.name}]`,
      `role_arn = ${profile.roleArn}`,
      `role_session_name = ${sessionName}`,
      source,
    ].join("\n"),
  );
  const header = `# Written by tools/aws-config.ts from ${stackFile} for --role ${options.role}: do not edit.`;
  return { text: `${header}\n\n${sections.join("\n\n")}\n` };
}

/** The profiles of a stack, read with its scope's schema: the org stack's, or an environment's. */
export function stackProfiles(
  projectDir: string,
  stack: string,
  role: CredentialRole,
): { profiles: AwsProfile[] } | { errors: InputError[] } {
  const read = readStackConfigFile(projectDir, stack);
  if ("errors" in read) return read;
  if (stackScopeOf(read.config) === "organization") {
    const org = validateOrgConfig(read.config, read.file);
    return "errors" in org ? org : { profiles: organizationAwsProfiles(org.config, role) };
  }
  const environment = validateStackConfig(read.config, read.file);
  return "errors" in environment
    ? environment
    : { profiles: environmentAwsProfiles(environment.config, role) };
}

const usage = `Usage: npm run aws-config -- --stack NAME --role ${credentialRoles.join("|")} [options]

Writes the AWS CLI config profiles the stack's program uses, each assuming that role's ARN.

Options:
  --stack NAME            the stack (Pulumi.<NAME>.yaml)
  --role ROLE             ${credentialRoles.join(", ")}
  --source-profile NAME   the profile whose credentials assume the roles
  --session-name NAME     the role session name
  --out FILE              write to FILE (mode 600) instead of standard output
  -h, --help              this help

Exit codes: 0 written, 2 invalid input (stack config or flag).
`;

function main(argv: string[]): number {
  const values = parseCli<{
    stack?: string;
    role?: string;
    "source-profile"?: string;
    "session-name"?: string;
    out?: string;
  }>(
    "aws-config",
    usage,
    {
      stack: { type: "string" },
      role: { type: "string" },
      "source-profile": { type: "string" },
      "session-name": { type: "string" },
      out: { type: "string" },
    },
    { argv },
  );
  if (typeof values === "number") return values;
  const role = values.role as CredentialRole;
  if (!values.stack || !credentialRoles.includes(role)) {
    process.stderr.write(`aws-config: expected --stack NAME and --role ${credentialRoles.join("|")}\n`);
    return 2;
  }
  const projectDir = path.resolve(__dirname, "..");
  const profiles = stackProfiles(projectDir, values.stack, role);
  const rendered =
    "errors" in profiles
      ? profiles
      : renderAwsConfig(`Pulumi.${values.stack}.yaml`, profiles.profiles, {
          role,
          sourceProfile: values["source-profile"],
          sessionName: values["session-name"],
        });
  if ("errors" in rendered) {
    for (const error of rendered.errors) process.stderr.write(`aws-config: ${formatInputError(error)}\n`);
    return 2;
  }
  if (values.out) fs.writeFileSync(values.out, rendered.text, { mode: 0o600 });
  else process.stdout.write(rendered.text);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
