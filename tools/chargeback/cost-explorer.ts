import {
  type CostExplorerClient,
  type DateInterval,
  type Expression,
  GetCostAndUsageCommand,
  GetCostAndUsageWithResourcesCommand,
  GetCostForecastCommand,
  GetDimensionValuesCommand,
  type GroupDefinition,
  type ResultByTime,
} from "@aws-sdk/client-cost-explorer";
import { isBedrockService } from "./bedrock-services";
import { type BillingMonth, daysBefore, today } from "./month";
import { SourceError, awsErrorLine } from "./source-error";
import type { SpendData, SpendRow } from "./spend";

export interface CostExplorerQuery {
  month: BillingMonth;
  accounts: readonly string[];
  environment: string;
  tenants: readonly string[];
  byProfile: boolean;
  now: Date;
}

/** Cost Explorer keeps resource-level data (GetCostAndUsageWithResources) for the last 14 days only. */
export const resourceDataDays = 14;
/** The cost Cost Explorer reports: UnblendedCost, what the invoice charges (as CUR's `line_item_unblended_cost`). */
const metric = "UnblendedCost";

const tagGroup = (key: string): GroupDefinition => ({ Type: "TAG", Key: key });
const dimensionGroup = (key: string): GroupDefinition => ({ Type: "DIMENSION", Key: key });
const dimension = (key: "LINKED_ACCOUNT" | "SERVICE", values: readonly string[]): Expression => ({
  Dimensions: { Key: key, Values: [...values] },
});
const tag = (key: string, value: string): Expression => ({ Tags: { Key: key, Values: [value] } });
const all = (...expressions: Expression[]): Expression =>
  expressions.length === 1 ? expressions[0] : { And: expressions };

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
 * - per account, tagged spend grouped by the `tenant` and `environment` tags;
 * - per account, untagged spend grouped by service and usage type (at most two group-bys per call);
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

  const rows: SpendRow[] = [];
  for (const account of query.accounts) {
    const scope = [dimension("LINKED_ACCOUNT", [account]), dimension("SERVICE", services)];
    for (const group of await costAndUsage(client, period, all(...scope), [
      tagGroup("tenant"),
      tagGroup("environment"),
    ])) {
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
    const untagged = all(...scope, { Tags: { Key: "tenant", MatchOptions: ["ABSENT"] } });
    for (const group of await costAndUsage(client, period, untagged, [
      dimensionGroup("SERVICE"),
      dimensionGroup("USAGE_TYPE"),
    ]))
      rows.push({ account, service: group.keys[0], usageType: group.keys[1], usd: group.usd });
  }

  const data: SpendData = { source: "cost-explorer", rows, notes };
  if (!query.month.complete) {
    data.forecastUsd = await forecasts(client, query, services, rows, notes);
    data.forecastMethod =
      "Cost Explorer GetCostForecast (UnblendedCost) for the rest of the month, plus month-to-date";
  }
  if (query.byProfile) data.profileRows = await profileSpend(client, query, services, notes);
  return data;
}

/** The month, ending tomorrow at the latest for a month in progress (Cost Explorer's End is exclusive). */
function periodOf(month: BillingMonth, now: Date): DateInterval {
  const tomorrow = daysBefore(now, -1);
  return { Start: month.start, End: month.complete || tomorrow > month.end ? month.end : tomorrow };
}

/** Every page of a Cost Explorer call (NextPageToken to the end); an AWS error becomes one line. */
async function allPages<Page extends { NextPageToken?: string }>(
  operation: string,
  fetchPage: (token: string | undefined) => Promise<Page>,
): Promise<Page[]> {
  const pages: Page[] = [];
  let token: string | undefined;
  do {
    let page: Page;
    try {
      page = await fetchPage(token);
    } catch (error) {
      throw new SourceError(`Cost Explorer ${operation}: ${awsErrorLine(error)}`);
    }
    pages.push(page);
    token = page.NextPageToken;
  } while (token);
  return pages;
}

async function dimensionValues(
  client: CostExplorerClient,
  period: DateInterval,
  accounts: readonly string[],
): Promise<string[]> {
  const pages = await allPages("GetDimensionValues", (token) =>
    client.send(
      new GetDimensionValuesCommand({
        TimePeriod: period,
        Dimension: "SERVICE",
        Context: "COST_AND_USAGE",
        Filter: dimension("LINKED_ACCOUNT", accounts),
        NextPageToken: token,
      }),
    ),
  );
  return pages.flatMap((page) => (page.DimensionValues ?? []).map((entry) => entry.Value ?? ""));
}

interface GroupAmount {
  keys: string[];
  usd: number;
}

function groupsOf(pages: ReadonlyArray<{ ResultsByTime?: ResultByTime[] }>): GroupAmount[] {
  return pages.flatMap((page) =>
    (page.ResultsByTime ?? []).flatMap((result) =>
      (result.Groups ?? []).map((group) => ({
        keys: group.Keys ?? [],
        usd: Number(group.Metrics?.[metric]?.Amount ?? 0),
      })),
    ),
  );
}

/** GetCostAndUsage, or its resource-level twin (same request and answer shapes), every page. */
async function costAndUsage(
  client: CostExplorerClient,
  period: DateInterval,
  filter: Expression,
  groupBy: GroupDefinition[],
  operation: "GetCostAndUsage" | "GetCostAndUsageWithResources" = "GetCostAndUsage",
): Promise<GroupAmount[]> {
  const request = {
    TimePeriod: period,
    Granularity: "MONTHLY" as const,
    Metrics: [metric],
    Filter: filter,
    GroupBy: groupBy,
  };
  type Page = { NextPageToken?: string; ResultsByTime?: ResultByTime[] };
  const send = (token: string | undefined): Promise<Page> =>
    operation === "GetCostAndUsage"
      ? client.send(new GetCostAndUsageCommand({ ...request, NextPageToken: token }))
      : client.send(new GetCostAndUsageWithResourcesCommand({ ...request, NextPageToken: token }));
  return groupsOf(await allPages(operation, send));
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
      .filter((row) => row.tenant === tenant && row.environment === query.environment)
      .reduce((sum, row) => sum + row.usd, 0);
    const filter = all(
      dimension("LINKED_ACCOUNT", query.accounts),
      dimension("SERVICE", services),
      tag("tenant", tenant),
      tag("environment", query.environment),
    );
    try {
      const forecast = await client.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: start, End: query.month.end },
          Metric: "UNBLENDED_COST",
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
        tag("environment", query.environment),
      );
      const window = { Start: start, End: period.End };
      const byResourceAndTag = (key: string) =>
        costAndUsage(
          client,
          window,
          filter,
          [dimensionGroup("RESOURCE_ID"), tagGroup(key)],
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
