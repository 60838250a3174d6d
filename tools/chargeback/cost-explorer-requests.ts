import {
  type CostExplorerClient,
  type DateInterval,
  type Expression,
  GetCostAndUsageCommand,
  GetCostAndUsageWithResourcesCommand,
  GetDimensionValuesCommand,
  type GroupDefinition,
  type ResultByTime,
} from "@aws-sdk/client-cost-explorer";
import { SourceError, awsErrorLine } from "./source-error";

/** Cost Explorer request pieces: filters, group-bys, every page of a call. */
export const tagGroup = (key: string): GroupDefinition => ({ Type: "TAG", Key: key });
export const dimensionGroup = (key: string): GroupDefinition => ({ Type: "DIMENSION", Key: key });
export const dimension = (
  key: "LINKED_ACCOUNT" | "SERVICE" | "RECORD_TYPE",
  values: readonly string[],
): Expression => ({
  Dimensions: { Key: key, Values: [...values] },
});
export const tag = (key: string, value: string): Expression => ({ Tags: { Key: key, Values: [value] } });
export const all = (...expressions: Expression[]): Expression =>
  expressions.length === 1 ? expressions[0] : { And: expressions };

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

export async function dimensionValues(
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

export interface GroupAmount {
  keys: string[];
  usd: number;
}

function groupsOf(pages: ReadonlyArray<{ ResultsByTime?: ResultByTime[] }>, metric: string): GroupAmount[] {
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
export async function costAndUsage(
  client: CostExplorerClient,
  period: DateInterval,
  filter: Expression,
  groupBy: GroupDefinition[],
  metric: string,
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
  return groupsOf(await allPages(operation, send), metric);
}
