import { formatInputError } from "../../src/validation";
import type { ChargebackOptions } from "./args";
import { attribute, stackAccountIds } from "./attribution";
import { costExplorerClient } from "./aws-clients";
import { readCostExplorer } from "./cost-explorer";
import { readDataExports } from "./data-export";
import { linearForecast, linearForecastMethod } from "./linear-forecast";
import { billingMonth } from "./month";
import type { ChargebackReport } from "./report";
import { SourceError } from "./source-error";
import type { SpendData } from "./spend";
import { loadStackInputs } from "./stack-inputs";

/**
 * Stack and tenants (validated as the check validates them), then the source, then the rules.
 * Bad input and unreadable sources come back as `errors` (one line each), never as an exception.
 */
export async function runChargeback(
  projectDir: string,
  options: ChargebackOptions,
  now: Date,
): Promise<{ report: ChargebackReport } | { errors: string[] }> {
  const inputs = loadStackInputs(projectDir, options.stack, options.tenantsDir);
  if ("errors" in inputs) return { errors: inputs.errors.map(formatInputError) };
  const { config, tenants } = inputs;
  const month = billingMonth(options.month, now);
  const accounts = [...stackAccountIds(config)].sort();
  const tenantNames = tenants.map((tenant) => tenant.name);

  let spend: SpendData;
  try {
    if (options.cur.length > 0) {
      spend = await readDataExports({ files: options.cur, month, accounts, byProfile: options.byProfile });
      if (!month.complete) {
        spend.forecastUsd = linearForecast(spend.rows, month, tenantNames, config.environment);
        spend.forecastMethod = linearForecastMethod;
      }
    } else {
      if (options.assumeRole && config.billing.roleArn === undefined) {
        return {
          errors: [
            `Pulumi.${options.stack}.yaml: bedrock-cost-governance:billing.roleArn: --assume-role needs the payer account's billing read role here`,
          ],
        };
      }
      const client = await costExplorerClient({
        ...(options.assumeRole ? { assumeRoleArn: config.billing.roleArn } : {}),
      });
      try {
        spend = await readCostExplorer(client, {
          month,
          accounts,
          environment: config.environment,
          tenants: tenantNames,
          byProfile: options.byProfile,
          now,
        });
      } finally {
        client.destroy();
      }
    }
  } catch (error) {
    if (error instanceof SourceError) return { errors: [error.message] };
    throw error;
  }
  return {
    report: attribute({
      stack: options.stack,
      month: options.month,
      complete: month.complete,
      config,
      tenants,
      spend,
      byProfile: options.byProfile,
    }),
  };
}
