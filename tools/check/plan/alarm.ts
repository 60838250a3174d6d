import { governancePrices } from "../../../src/catalog";

/** One CloudWatch alarm as the plan shows it: what it watches and when it fires. */
export interface PlanAlarm {
  /** The alarm's AWS name. */
  name: string;
  /** The metric it reads, or the label of the metric-math expression it alarms on. */
  watches: string;
  /** `>`, `≥`, `<`, `≤`, or CloudWatch's operator name for the others (anomaly bands). */
  comparison: string;
  threshold: number;
  /** The period of one datapoint in words (`a minute`, `per 5 minutes`); absent for metric math, whose label says it. */
  period?: string;
  /** The threshold is in US dollars: what it watches says `USD`. */
  usd: boolean;
  /** What the alarm costs a month at the catalog's CloudWatch prices. */
  usdPerMonth: number;
}

const comparisons: Record<string, string> = {
  GreaterThanThreshold: ">",
  GreaterThanOrEqualToThreshold: "≥",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "≤",
};

/** Reads a `aws:cloudwatch/metricAlarm:MetricAlarm`'s inputs: thresholds are computed defaults, so the plan must show them. */
export function readAlarm(name: string, inputs: Record<string, unknown>): PlanAlarm {
  const queries = Array.isArray(inputs.metricQueries)
    ? (inputs.metricQueries as Array<Record<string, unknown>>)
    : [];
  const returned = queries.find((query) => query.returnData === true) ?? queries.at(-1);
  const watches = String(inputs.metricName ?? returned?.label ?? returned?.expression ?? "metric math");
  const operator = String(inputs.comparisonOperator ?? "");
  return {
    name,
    watches,
    comparison: comparisons[operator] ?? operator,
    threshold: Number(inputs.threshold),
    period: queries.length === 0 ? periodWords(Number(inputs.period)) : undefined,
    usd: /\bUSD\b/.test(watches),
    usdPerMonth: alarmUsdPerMonth(queries),
  };
}

/** A metric-math alarm is billed per metric it reads; a plain alarm as one standard metric. */
function alarmUsdPerMonth(queries: ReadonlyArray<Record<string, unknown>>): number {
  const metrics = queries.filter((query) => query.metric !== undefined).length;
  return metrics > 0
    ? metrics * governancePrices.cloudwatchMetricMathAlarmPerMetricPerMonth
    : governancePrices.cloudwatchStandardAlarmPerMonth;
}

function periodWords(seconds: number): string | undefined {
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  const unit = (value: number, one: string, article: string) =>
    value === 1 ? `${article} ${one}` : `per ${value} ${one}s`;
  if (seconds % 3600 === 0) return unit(seconds / 3600, "hour", "an");
  if (seconds % 60 === 0) return unit(seconds / 60, "minute", "a");
  return unit(seconds, "second", "a");
}
