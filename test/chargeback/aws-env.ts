/**
 * Fake credentials and endpoint for the real AWS SDK in tests: no profile file, no instance
 * metadata, nothing of the machine's own AWS set-up is read.
 */
export function awsTestEnv(endpoint: Record<string, string>): Record<string, string | undefined> {
  return {
    AWS_ACCESS_KEY_ID: "AKIDCHARGEBACKTEST",
    AWS_SECRET_ACCESS_KEY: "chargeback-test-secret",
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_COST_EXPLORER: undefined,
    AWS_ENDPOINT_URL_STS: undefined,
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: undefined,
    ...endpoint,
  };
}

/** Runs `body` with environment variables set (undefined: unset), then puts them back. */
export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}
