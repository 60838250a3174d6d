import { formatInputError } from "../../src/validation";
import type { ChargebackOptions } from "./args";
import { attribute, stackAccountIds } from "./attribution";
import { linearForecast, linearForecastMethod } from "./linear-forecast";
import { type BillingMonth, billingMonth, monthsFrom } from "./month";
import type { ChargebackReport } from "./report";
import { SourceError } from "./source-error";
import type { SpendData } from "./spend";
import { loadStackInputs } from "./stack-inputs";
import type { TrendReport } from "./trend";

type Inputs = Exclude<ReturnType<typeof loadStackInputs>, { errors: unknown }>;

/**
 * Stack and tenants (validated as the check validates them), then the source, then the rules, for
 * one month or, with `--from`/`--to`, each month of a trend. Bad input and unreadable sources come
 * back as `errors` (one line each), never as an exception.
 */
export async function runChargeback(
  projectDir: string,
  options: ChargebackOptions,
  now: Date,
): Promise<{ report: ChargebackReport } | { trend: TrendReport } | { errors: string[] }> {
  const inputs = loadStackInputs(projectDir, options.stack, options.tenantsDir);
  if ("errors" in inputs) return { errors: inputs.errors.map(formatInputError) };
  if (options.assumeRole && inputs.config.billing.roleArn === undefined)
    return {
      errors: [
        `Pulumi.${options.stack}.yaml: bedrock-cost-governance:billing.roleArn: --assume-role needs the payer account's billing read role here`,
      ],
    };
  const months = (options.trend ? monthsFrom(options.trend.from, options.trend.to) : [options.month]).map(
    (month) => billingMonth(month, now),
  );
  let spend: SpendData;
  try {
    spend = await readSpend(options, inputs, months, now);
  } catch (error) {
    if (error instanceof SourceError) return { errors: [error.message] };
    throw error;
  }
  const reports = months.map((month) => monthReport(options, inputs, month, spend));
  if (!options.trend) return { report: reports[0] };
  return {
    trend: {
      stack: options.stack,
      from: options.trend.from,
      to: options.trend.to,
      currency: "USD",
      source: spend.source,
      costBasis: options.costBasis,
      periodBasis: reports[0].periodBasis,
      months: reports,
    },
  };
}

/** Every month's line items from the chosen source, in one read where the source allows. */
async function readSpend(
  options: ChargebackOptions,
  { config, tenants }: Inputs,
  months: BillingMonth[],
  now: Date,
): Promise<SpendData> {
  const accounts = [...stackAccountIds(config)].sort();
  const common = {
    months,
    accounts,
    byProfile: options.byProfile,
    costBasis: options.costBasis,
    periodBasis: options.periodBasis,
  };
  const exportName = options.exportName !== undefined ? { exportName: options.exportName } : {};
  // Each source is loaded when chosen: DuckDB and the two AWS SDK clients take seconds to load, and
  // a report reads one source.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (options.cur.length > 0) {
    const { readDataExports } = require("./data-export") as typeof import("./data-export");
    return readDataExports({ files: options.cur, ...common, ...exportName });
  }
  if (options.athena) {
    const { readAthena } = require("./athena-source") as typeof import("./athena-source");
    return readAthena(options.athena, { ...common, ...exportName });
  }
  const { costExplorerClient } = require("./aws-clients") as typeof import("./aws-clients");
  const { readCostExplorer } = require("./cost-explorer") as typeof import("./cost-explorer");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const client = await costExplorerClient({
    ...(options.assumeRole ? { assumeRoleArn: config.billing.roleArn } : {}),
  });
  try {
    const parts: SpendData[] = [];
    for (const month of months)
      parts.push(
        await readCostExplorer(client, {
          month,
          accounts,
          environment: config.environment,
          tenants: tenants.map((tenant) => tenant.name),
          byProfile: options.byProfile,
          costBasis: options.costBasis,
          now,
        }),
      );
    return mergeMonths(parts, months);
  } finally {
    client.destroy();
  }
}

/** Per-month answers of a one-month source as one, each row stamped with its month. */
function mergeMonths(parts: SpendData[], months: BillingMonth[]): SpendData {
  const stamp = (rows: SpendData["rows"] | undefined, month: string) =>
    (rows ?? []).map((row) => ({ ...row, period: month }));
  const last = parts[parts.length - 1];
  return {
    source: last.source,
    rows: parts.flatMap((part, index) => stamp(part.rows, months[index].month)),
    ...(last.profileRows
      ? { profileRows: parts.flatMap((part, index) => stamp(part.profileRows, months[index].month)) }
      : {}),
    ...(last.forecastUsd ? { forecastUsd: last.forecastUsd, forecastMethod: last.forecastMethod } : {}),
    notes: [...new Set(parts.flatMap((part) => part.notes))],
    ...(last.periodBasis ? { periodBasis: last.periodBasis } : {}),
  };
}

function monthReport(
  options: ChargebackOptions,
  { config, tenants }: Inputs,
  month: BillingMonth,
  spend: SpendData,
): ChargebackReport {
  const inMonth = <Row extends { period?: string }>(rows: Row[] | undefined) =>
    rows?.filter((row) => row.period === undefined || row.period === month.month);
  const monthSpend: SpendData = {
    ...spend,
    rows: inMonth(spend.rows)!,
    profileRows: inMonth(spend.profileRows),
  };
  if (!month.complete && spend.forecastUsd === undefined) {
    monthSpend.forecastUsd = linearForecast(
      monthSpend.rows,
      month,
      tenants.map((tenant) => tenant.name),
      config.environment,
    );
    monthSpend.forecastMethod = linearForecastMethod;
  }
  if (!monthSpend.profileRows) delete monthSpend.profileRows;
  return attribute({
    stack: options.stack,
    month: month.month,
    complete: month.complete,
    config,
    tenants,
    spend: monthSpend,
    byProfile: options.byProfile,
    costBasis: options.costBasis,
    periodBasis: spend.periodBasis ?? options.periodBasis,
  });
}
