import {
  type CostExplorerClient,
  type DateInterval,
  GetCostForecastCommand,
} from "@aws-sdk/client-cost-explorer";
import { isBedrockService } from "./bedrock-services";
import { costExplorerUsageRecordTypes } from "./charge-types";
import { type CostBasis, costExplorerMetric } from "./cost-basis";
import {
  all,
  costAndUsage,
  dimension,
  dimensionGroup,
  dimensionValues,
  tag,
  tagGroup,
} from "./cost-explorer-requests";
import { type BillingMonth, daysBefore, today } from "./month";
import { SourceError, awsErrorLine } from "./source-error";
import type { SpendData, SpendRow } from "./spend";

export interface CostExplorerQuery {
  month: BillingMonth;
  accounts: readonly string[];
  environment: string;
  tenants: readonly string[];
  byProfile: boolean;
  costBasis: CostBasis;
  now: Date;
}

/** Cost Explorer keeps resource-level data (GetCostAndUsageWithResources) for the last 14 days only. */
export const resourceDataDays = 14;

/**
 * `TAG` group keys come back as `<key>$<value>`, and `<key>$` for line items without the tag
 * (GetCostAndUsage, Group.Keys).
 */
export function tagValueOfKey(groupKey: string, tagKey: string): string | undefined {
  const prefix = `${tagKey}$`;
  if (!groupKey.startsWith(prefix)) return undefined;
  const value = groupKey.slice(prefix.length);
  return value === "" ? undefined : value;
}

/**
 * Bedrock spend of one month from Cost Explorer, aggregated as the report needs it:
 * - the Bedrock services billed in the period (GetDimensionValues SERVICE), because filters on a
 *   dimension match exact values only (MatchOptions apply to cost categories and anomaly
 *   subscriptions), so "... (Amazon Bedrock Edition)" cannot be matched by suffix in the query;
 * - per account, tagged usage grouped by the `tenant` and `environment` tags;
 * - per account, untagged usage grouped by service and usage type (at most two group-bys per call);
 * - per account, every other record type (tax, credits, refunds, discounts: the adjustments)
 *   grouped by RECORD_TYPE and service. Usage is RECORD_TYPE Usage, DiscountedUsage and
 *   SavingsPlanCoveredUsage (charge-types.ts), so tenants and the unattributed figure count usage only;
 * - GetCostForecast per tenant for a month in progress;
 * - GetCostAndUsageWithResources per account for `--by-profile`.
 */
export async function readCostExplorer(
  client: CostExplorerClient,
  query: CostExplorerQuery,
): Promise<SpendData> {
  const period = periodOf(query.month, query.now);
  const notes: string[] = [];
  const services = (await dimensionValues(client, period, query.accounts)).filter(isBedrockService).sort();
  if (services.length === 0)
    return { source: "cost-explorer", rows: [], notes, ...(query.byProfile ? { profileRows: [] } : {}) };

  const metric = costExplorerMetric[query.costBasis].usage;
  const usage = dimension("RECORD_TYPE", costExplorerUsageRecordTypes);
  const rows: SpendRow[] = [];
  for (const account of query.accounts) {
    const scope = [dimension("LINKED_ACCOUNT", [account]), dimension("SERVICE", services)];
    for (const group of await costAndUsage(
      client,
      period,
      all(...scope, usage),
      [tagGroup("tenant"), tagGroup("environment")],
      metric,
    )) {
      const tenant = tagValueOfKey(group.keys[0], "tenant");
      // Untagged spend comes from the next query, with its service and usage type.
      if (tenant !== undefined)
        rows.push({
          account,
          tenant,
          environment: tagValueOfKey(group.keys[1], "environment"),
          usd: group.usd,
        });
    }
    // GetCostAndUsage takes EQUALS, ABSENT and CASE_SENSITIVE for Tags (its API reference, since aws/aws-sdk#113).
    const untagged = all(...scope, usage, { Tags: { Key: "tenant", MatchOptions: ["ABSENT"] } });
    for (const group of await costAndUsage(
      client,
      period,
      untagged,
      [dimensionGroup("SERVICE"), dimensionGroup("USAGE_TYPE")],
      metric,
    ))
      rows.push({ account, service: group.keys[0], usageType: group.keys[1], usd: group.usd });
    for (const group of await costAndUsage(
      client,
      period,
      all(...scope, { Not: usage }),
      [dimensionGroup("RECORD_TYPE"), dimensionGroup("SERVICE")],
      metric,
    ))
      rows.push({ account, chargeType: group.keys[0], service: group.keys[1], usd: group.usd });
  }

  notes.push(
    "Cost Explorer filters by usage date, not billing period: a charge invoiced in one month for another month's usage (a late refund or credit) is in the month of its usage date here",
  );
  const data: SpendData = { source: "cost-explorer", rows, notes, periodBasis: "usage" };
  if (!query.month.complete) {
    data.forecastUsd = await forecasts(client, query, services, rows, notes);
    data.forecastMethod = `Cost Explorer GetCostForecast (${costExplorerMetric[query.costBasis].forecast}) for the rest of the month, plus month-to-date`;
  }
  if (query.byProfile) data.profileRows = await profileSpend(client, query, services, notes);
  return data;
}

/** The month, ending tomorrow at the latest for a month in progress (Cost Explorer's End is exclusive). */
function periodOf(month: BillingMonth, now: Date): DateInterval {
  const tomorrow = daysBefore(now, -1);
  return { Start: month.start, End: month.complete || tomorrow > month.end ? month.end : tomorrow };
}

/**
 * Month-to-date plus Cost Explorer's forecast of the rest of the month (GetCostForecast starts
 * today at the earliest). A tenant with too little history gets no forecast, and a note says so.
 */
async function forecasts(
  client: CostExplorerClient,
  query: CostExplorerQuery,
  services: readonly string[],
  rows: readonly SpendRow[],
  notes: string[],
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const start = today(query.now);
  for (const tenant of query.tenants) {
    const monthToDate = rows
      .filter(
        (row) =>
          row.chargeType === undefined && row.tenant === tenant && row.environment === query.environment,
      )
      .reduce((sum, row) => sum + row.usd, 0);
    const filter = all(
      dimension("LINKED_ACCOUNT", query.accounts),
      dimension("SERVICE", services),
      dimension("RECORD_TYPE", costExplorerUsageRecordTypes),
      tag("tenant", tenant),
      tag("environment", query.environment),
    );
    try {
      const forecast = await client.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: start, End: query.month.end },
          Metric: costExplorerMetric[query.costBasis].forecast,
          Granularity: "MONTHLY",
          Filter: filter,
        }),
      );
      result.set(tenant, monthToDate + Number(forecast.Total?.Amount ?? 0));
    } catch (error) {
      if ((error as Error).name !== "DataUnavailableException")
        throw new SourceError(`Cost Explorer GetCostForecast: ${awsErrorLine(error)}`);
      notes.push(`No forecast for ${tenant}: ${awsErrorLine(error)}`);
    }
  }
  return result;
}

/**
 * Spend per application inference profile ARN (RESOURCE_ID), for the part of the month inside Cost
 * Explorer's 14-day window of resource-level data, which must be opted in (Cost Explorer preferences,
 * "resource-level data"). Two calls per account: RESOURCE_ID by tenant, and RESOURCE_ID by the
 * `profile` tag to name each ARN.
 */
async function profileSpend(
  client: CostExplorerClient,
  query: CostExplorerQuery,
  services: readonly string[],
  notes: string[],
): Promise<SpendRow[]> {
  const period = periodOf(query.month, query.now);
  const windowStart = daysBefore(query.now, resourceDataDays);
  const start = (period.Start ?? "") > windowStart ? (period.Start ?? "") : windowStart;
  if (start >= (period.End ?? "")) {
    notes.push(
      `--by-profile: Cost Explorer has resource-level data for the last ${resourceDataDays} days only (from ${windowStart}); ${query.month.month} is older. Use --cur with a Data Export for profiles of any month.`,
    );
    return [];
  }
  if (start !== period.Start)
    notes.push(
      `--by-profile: profile figures cover ${start} to ${period.End} only (Cost Explorer keeps resource-level data for ${resourceDataDays} days); tenant totals cover the whole month.`,
    );
  const rows: SpendRow[] = [];
  try {
    for (const account of query.accounts) {
      const filter = all(
        dimension("LINKED_ACCOUNT", [account]),
        dimension("SERVICE", services),
        dimension("RECORD_TYPE", costExplorerUsageRecordTypes),
        tag("environment", query.environment),
      );
      const window = { Start: start, End: period.End };
      const byResourceAndTag = (key: string) =>
        costAndUsage(
          client,
          window,
          filter,
          [dimensionGroup("RESOURCE_ID"), tagGroup(key)],
          costExplorerMetric[query.costBasis].usage,
          "GetCostAndUsageWithResources",
        );
      const names = new Map<string, string>();
      for (const group of await byResourceAndTag("profile"))
        if (tagValueOfKey(group.keys[1], "profile"))
          names.set(group.keys[0], tagValueOfKey(group.keys[1], "profile")!);
      for (const group of await byResourceAndTag("tenant")) {
        const tenant = tagValueOfKey(group.keys[1], "tenant");
        if (tenant === undefined) continue;
        const profileTag = names.get(group.keys[0]);
        rows.push({
          account,
          tenant,
          environment: query.environment,
          resourceId: group.keys[0],
          ...(profileTag ? { profileTag } : {}),
          usd: group.usd,
        });
      }
    }
  } catch (error) {
    const reason = error instanceof SourceError ? error.message : awsErrorLine(error);
    notes.push(
      `--by-profile: GetCostAndUsageWithResources is not available (${reason}); opt in to resource-level data in Cost Explorer preferences, or use --cur.`,
    );
    return [];
  }
  return rows;
}
