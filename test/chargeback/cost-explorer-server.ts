import type { LineItem } from "./scenario";
import { startLocalServer } from "./local-server";

/**
 * A local Cost Explorer on 127.0.0.1 speaking the AWS JSON 1.1 protocol (`X-Amz-Target:
 * AWSInsightsIndexService.<Operation>`), answering from line items by evaluating the request's
 * filter and group-bys: a wrong filter gives wrong figures. It pages its answers, can throttle
 * (LimitExceededException, what Cost Explorer returns for its rate limit) and deny access.
 * It also answers STS AssumeRole (query protocol) for `--assume-role`.
 */
export interface FakeCostExplorerOptions {
  items: readonly LineItem[];
  /** Groups (or dimension values) per page. */
  pageSize?: number;
  /** The first N Cost Explorer requests are throttled. */
  throttleFirst?: number;
  /** Operations answered with AccessDeniedException. */
  deny?: readonly string[];
  /** Operations answered with DataUnavailableException (no history to forecast from, data not opted in). */
  unavailable?: readonly string[];
  /** "Today" of the service, for the 14-day window of GetCostAndUsageWithResources. */
  today: string;
}

export interface RecordedRequest {
  operation: string;
  body: Record<string, unknown>;
  authorization: string;
}

type Expression = {
  And?: Expression[];
  Or?: Expression[];
  Not?: Expression;
  Dimensions?: { Key: string; Values?: string[] };
  Tags?: { Key: string; Values?: string[]; MatchOptions?: string[] };
};

const dimensionOf: Record<string, (item: LineItem) => string | undefined> = {
  LINKED_ACCOUNT: (item) => item.account,
  SERVICE: (item) => item.service,
  USAGE_TYPE: (item) => item.usageType,
  RESOURCE_ID: (item) => item.resourceId,
  RECORD_TYPE: (item) => item.lineType ?? "Usage",
};
/** The metrics the fake answers: UnblendedCost, and NetUnblendedCost (the item's net cost). */
const metricOf: Record<string, (item: LineItem) => number> = {
  UnblendedCost: (item) => item.usd,
  NetUnblendedCost: (item) => item.netUsd ?? item.usd,
};
const forecastMetricOf: Record<string, (item: LineItem) => number> = {
  UNBLENDED_COST: (item) => item.usd,
  NET_UNBLENDED_COST: (item) => item.netUsd ?? item.usd,
};
const tagOf = (item: LineItem, key: string) => (item as unknown as Record<string, string | undefined>)[key];

function matches(item: LineItem, expression: Expression | undefined): boolean {
  if (!expression) return true;
  if (expression.And) return expression.And.every((inner) => matches(item, inner));
  if (expression.Or) return expression.Or.some((inner) => matches(item, inner));
  if (expression.Not) return !matches(item, expression.Not);
  if (expression.Dimensions) {
    const read = dimensionOf[expression.Dimensions.Key];
    if (!read) throw new Error(`unsupported dimension ${expression.Dimensions.Key}`);
    return (expression.Dimensions.Values ?? []).includes(read(item) ?? "");
  }
  if (expression.Tags) {
    const value = tagOf(item, expression.Tags.Key);
    if (expression.Tags.MatchOptions?.includes("ABSENT")) return value === undefined;
    return (expression.Tags.Values ?? []).includes(value ?? "");
  }
  throw new Error(`unsupported expression ${JSON.stringify(expression)}`);
}

const days = (start: string, end: string) => (Date.parse(end) - Date.parse(start)) / 86_400_000;

export async function startFakeCostExplorer(options: FakeCostExplorerOptions) {
  const requests: RecordedRequest[] = [];
  let throttled = 0;
  const pageSize = options.pageSize ?? 1000;

  const answer = (operation: string, body: Record<string, unknown>): [number, unknown] => {
    if (options.deny?.includes(operation))
      return [
        400,
        {
          __type: "AccessDeniedException",
          Message: `User: arn:aws:iam::123456789012:user/finops is not authorized to perform: ce:${operation}`,
        },
      ];
    if (options.unavailable?.includes(operation))
      return [400, { __type: "DataUnavailableException", Message: `${operation}: data is unavailable` }];
    const period = body.TimePeriod as { Start: string; End: string };
    const inPeriod = options.items.filter((item) => item.day >= period.Start && item.day < period.End);
    const filter = body.Filter as Expression | undefined;
    const selected = inPeriod.filter((item) => matches(item, filter));
    const offset = Number(body.NextPageToken ?? 0);
    const page = <T>(list: T[]) => ({
      slice: list.slice(offset, offset + pageSize),
      ...(offset + pageSize < list.length ? { NextPageToken: String(offset + pageSize) } : {}),
    });
    switch (operation) {
      case "GetDimensionValues": {
        const read = dimensionOf[String(body.Dimension)];
        const values = [...new Set(selected.map((item) => read(item) ?? ""))].sort();
        const { slice, ...token } = page(values);
        return [
          200,
          {
            DimensionValues: slice.map((Value) => ({ Value })),
            ReturnSize: slice.length,
            TotalSize: values.length,
            ...token,
          },
        ];
      }
      case "GetCostAndUsageWithResources":
      case "GetCostAndUsage": {
        if (operation === "GetCostAndUsageWithResources") {
          if (!filter) return [400, { __type: "ValidationException", Message: "Filter is required" }];
          if (days(period.Start, options.today) > 14)
            return [
              400,
              {
                __type: "DataUnavailableException",
                Message: "Resource-level data is only available for the last 14 days",
              },
            ];
        }
        const groupBy = (body.GroupBy as Array<{ Type: string; Key: string }>) ?? [];
        if (groupBy.length > 2)
          return [400, { __type: "ValidationException", Message: "GroupBy accepts at most 2 definitions" }];
        const metric = (body.Metrics as string[])[0];
        if (!metricOf[metric]) return [400, { __type: "ValidationException", Message: "unexpected metric" }];
        const sums = new Map<string, number>();
        for (const item of selected) {
          const keys = groupBy.map((group) =>
            group.Type === "TAG"
              ? `${group.Key}$${tagOf(item, group.Key) ?? ""}`
              : (dimensionOf[group.Key](item) ?? ""),
          );
          sums.set(JSON.stringify(keys), (sums.get(JSON.stringify(keys)) ?? 0) + metricOf[metric](item));
        }
        const groups = [...sums].sort(([a], [b]) => a.localeCompare(b));
        const { slice, ...token } = page(groups);
        return [
          200,
          {
            GroupDefinitions: groupBy,
            ResultsByTime: [
              {
                TimePeriod: period,
                Total: {},
                Groups: slice.map(([keys, usd]) => ({
                  Keys: JSON.parse(keys),
                  Metrics: { [metric]: { Amount: String(usd), Unit: "USD" } },
                })),
                Estimated: false,
              },
            ],
            ...token,
          },
        ];
      }
      case "GetCostForecast": {
        // The pace so far (month start to Start) over the forecast period.
        const monthStart = `${period.Start.slice(0, 7)}-01`;
        const soFar = options.items.filter(
          (item) => item.day >= monthStart && item.day < period.Start && matches(item, filter),
        );
        const cost = forecastMetricOf[String(body.Metric)];
        if (!cost) return [400, { __type: "ValidationException", Message: "unexpected metric" }];
        const rate =
          soFar.reduce((sum, item) => sum + cost(item), 0) / Math.max(days(monthStart, period.Start), 1);
        return [
          200,
          {
            Total: { Amount: String(rate * days(period.Start, period.End)), Unit: "USD" },
            ForecastResultsByTime: [],
          },
        ];
      }
      default:
        return [400, { __type: "UnknownOperationException", Message: operation }];
    }
  };

  const server = await startLocalServer((request, text, response) => {
    const target = String(request.headers["x-amz-target"] ?? "");
    const authorization = String(request.headers.authorization ?? "");
    if (!target) {
      // STS AssumeRole, query protocol.
      const form = new URLSearchParams(text);
      requests.push({
        operation: `sts:${form.get("Action")}`,
        body: Object.fromEntries(form),
        authorization,
      });
      response.writeHead(200, { "content-type": "text/xml" });
      response.end(
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAASSUMEDROLE</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>${form.get("RoleArn")}/bedrock-chargeback</Arn><AssumedRoleId>AROA:bedrock-chargeback</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`,
      );
      return;
    }
    const operation = target.replace(/^AWSInsightsIndexService\./, "");
    const body = JSON.parse(text || "{}") as Record<string, unknown>;
    requests.push({ operation, body, authorization });
    if (throttled < (options.throttleFirst ?? 0)) {
      throttled += 1;
      response.writeHead(400, {
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-errortype": "LimitExceededException",
      });
      response.end(
        JSON.stringify({ __type: "LimitExceededException", Message: "You have exceeded the rate limit." }),
      );
      return;
    }
    const [status, payload] = answer(operation, body);
    const type = (payload as { __type?: string }).__type;
    response.writeHead(status, {
      "content-type": "application/x-amz-json-1.1",
      ...(type ? { "x-amzn-errortype": type } : {}),
    });
    response.end(JSON.stringify(payload));
  });
  return {
    url: server.url,
    requests,
    close: server.close,
  };
}
