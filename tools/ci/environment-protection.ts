/**
 * `tsx tools/ci/environment-protection.ts`: the fail-closed pre-job of deploy.yml.
 *
 * Reads the `org`, `dev` and `prod` environments through GitHub's REST API and exits 1, naming each
 * missing rule, unless every one is protected the way the pipeline's safety relies on:
 * - all three: deployment branches limited to exactly `main` (otherwise any branch's workflow can ask
 *   for the environment, and get its OIDC subject, its role and its variables);
 * - `org` and `prod`: at least one required reviewer, and administrators not allowed to bypass.
 * An environment that does not exist is a finding too: a job naming it would create it unprotected.
 *
 * Needs GITHUB_TOKEN with `actions: read` (the environments endpoints), GITHUB_REPOSITORY, and
 * GITHUB_API_URL (set by Actions). Exit codes: 0 protected, 1 a rule is missing, 2 the API could not be read.
 */

export interface EnvironmentRequirement {
  name: string;
  reviewers: boolean;
}

export const requirements: EnvironmentRequirement[] = [
  { name: "org", reviewers: true },
  { name: "dev", reviewers: false },
  { name: "prod", reviewers: true },
];

/** The fields of GET /repos/{owner}/{repo}/environments/{name} this check reads. */
export interface EnvironmentResponse {
  can_admins_bypass?: boolean;
  protection_rules?: { type: string; reviewers?: unknown[]; prevent_self_review?: boolean }[];
  deployment_branch_policy?: { protected_branches: boolean; custom_branch_policies: boolean } | null;
}

/** The fields of GET …/environments/{name}/deployment-branch-policies this check reads. */
export interface BranchPoliciesResponse {
  branch_policies: { name: string; type?: string }[];
}

/** Every rule `environment` is missing (empty when it is protected); `undefined` = it does not exist. */
export function protectionProblems(
  requirement: EnvironmentRequirement,
  environment: EnvironmentResponse | undefined,
  branchPolicies: BranchPoliciesResponse | undefined,
): string[] {
  const name = requirement.name;
  if (environment === undefined) return [`environment "${name}" does not exist`];
  const problems: string[] = [];
  const policy = environment.deployment_branch_policy;
  const patterns = (branchPolicies?.branch_policies ?? []).map((p) => `${p.type ?? "branch"}:${p.name}`);
  if (!policy || !policy.custom_branch_policies || patterns.length !== 1 || patterns[0] !== "branch:main") {
    problems.push(
      `environment "${name}": deployment branches must be limited to exactly "main" (found ${
        !policy
          ? "no limit"
          : policy.protected_branches
            ? "protected branches"
            : patterns.join(", ") || "no pattern"
      })`,
    );
  }
  if (requirement.reviewers) {
    const reviewers = (environment.protection_rules ?? []).find((rule) => rule.type === "required_reviewers");
    if (!reviewers || (reviewers.reviewers ?? []).length === 0) {
      problems.push(`environment "${name}": no required reviewers`);
    }
    if (environment.can_admins_bypass !== false) {
      problems.push(
        `environment "${name}": administrators may bypass its protection rules (turn "Allow administrators to bypass" off)`,
      );
    }
  }
  return problems;
}

async function getJson<T>(url: string, token: string): Promise<T | undefined> {
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
    },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function main(): Promise<number> {
  const {
    GITHUB_TOKEN: token,
    GITHUB_REPOSITORY: repository,
    GITHUB_API_URL: api = "https://api.github.com",
  } = process.env;
  if (!token || !repository) {
    process.stderr.write("environment-protection: GITHUB_TOKEN and GITHUB_REPOSITORY are required\n");
    return 2;
  }
  const problems: string[] = [];
  for (const requirement of requirements) {
    const base = `${api}/repos/${repository}/environments/${encodeURIComponent(requirement.name)}`;
    const environment = await getJson<EnvironmentResponse>(base, token);
    const policies =
      environment?.deployment_branch_policy?.custom_branch_policies === true
        ? await getJson<BranchPoliciesResponse>(`${base}/deployment-branch-policies?per_page=100`, token)
        : undefined;
    problems.push(...protectionProblems(requirement, environment, policies));
  }
  for (const problem of problems) process.stdout.write(`::error title=environment protection::${problem}\n`);
  if (problems.length > 0) {
    process.stdout.write(
      'Nothing is deployed until these rules are set (docs/operations.md, "Environments").\n',
    );
    return 1;
  }
  process.stdout.write(`environment-protection: ${requirements.map((r) => r.name).join(", ")} protected\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`environment-protection: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
