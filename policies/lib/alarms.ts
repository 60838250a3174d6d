/**
 * CloudWatch alarms in their two shapes, read for one question: which Bedrock model or profile do
 * they watch, and do they notify anyone. Classic (`aws:cloudwatch/metricAlarm`): `namespace`,
 * `dimensions` map, `metricQueries[].{expression, metric.{namespace, dimensions}}`, `alarmActions`.
 * Native (`aws-native:cloudwatch:Alarm`): `namespace`, `dimensions: [{name, value}]`,
 * `metrics[].{expression, metricStat.metric.{namespace, dimensions}}`, `alarmActions`.
 */
import { types } from "./resource-types";
import { type JsonRecord, type Unknown, UNKNOWN, at, bool, isRecord, isUnknown, list, text } from "./values";

/**
 * The metrics Bedrock publishes per model or profile in AWS/Bedrock (ModelId dimension), from the
 * user guide's "Monitor bedrock-runtime inference using CloudWatch metrics". An alarm on a name
 * outside it watches a metric that never receives data.
 */
export const bedrockMetricNames: ReadonlySet<string> = new Set([
  "Invocations",
  "InvocationLatency",
  "InvocationClientErrors",
  "InvocationServerErrors",
  "InvocationThrottles",
  "InputTokenCount",
  "OutputTokenCount",
  "LegacyModelInvocations",
  "OutputImageCount",
  "TimeToFirstToken",
  "EstimatedTPMQuotaUsage",
  "CacheReadInputTokenCount",
  "CacheWriteInputTokenCount",
]);

/**
 * The unit each metric is published in (same user guide page: "Count", latencies "MilliSeconds";
 * an older revision of the page says "SampleCount", which is no CloudWatch unit, botocore
 * cloudwatch StandardUnit). An alarm that names another `unit` matches no datapoint and stays in
 * INSUFFICIENT_DATA; one without a unit matches any. Metrics not listed here are not judged by unit.
 */
const publishedUnits: Readonly<Record<string, string>> = {
  Invocations: "Count",
  InvocationClientErrors: "Count",
  InvocationServerErrors: "Count",
  InvocationThrottles: "Count",
  InputTokenCount: "Count",
  OutputTokenCount: "Count",
  LegacyModelInvocations: "Count",
  OutputImageCount: "Count",
  CacheReadInputTokenCount: "Count",
  CacheWriteInputTokenCount: "Count",
  InvocationLatency: "Milliseconds",
  TimeToFirstToken: "Milliseconds",
};

export interface AlarmView {
  /** It fires on overuse: a finite threshold crossed upwards (a `LessThan…` operator fires on low usage only). */
  canFire: boolean;
  /** Watches the namespace (or might: some namespace is not known yet). */
  inNamespace: boolean | Unknown;
  /** Values of the dimension in the alarm's metrics. */
  dimensionValues: Set<string>;
  /** Identifier-like words of metric-math expressions on the namespace (a SEARCH names the profile in its text). */
  expressionWords: Set<string>;
  /** Some dimension value or expression is not known yet. */
  watchedUnknown: boolean;
  /** Has an alarm action (or actions not known yet), and actions are not disabled. */
  notifies: boolean;
}

export function readAlarm(type: string, props: JsonRecord, namespace: string, dimension: string): AlarmView {
  const view: AlarmView = {
    inNamespace: false,
    dimensionValues: new Set(),
    expressionWords: new Set(),
    watchedUnknown: false,
    notifies: notifies(props),
    canFire: canFire(props),
  };
  const native = type === types.nativeAlarm;
  readMetric(view, props, namespace, dimension, native);
  const queries = list(at(props, native ? "metrics" : "metricQueries"));
  if (queries === UNKNOWN) {
    view.watchedUnknown = true;
    if (view.inNamespace === false) view.inNamespace = UNKNOWN;
  }
  for (const query of queries === UNKNOWN ? [] : (queries ?? [])) {
    const metric = native ? at(query, "metricStat", "metric") : at(query, "metric");
    if (metric !== undefined) readMetric(view, metric, namespace, dimension, native);
    const expression = text(at(query, "expression"));
    if (expression === UNKNOWN) view.watchedUnknown = true;
    else if (typeof expression === "string" && expression.includes(namespace)) {
      view.inNamespace = true;
      for (const word of watchedWords(expression, dimension)) view.expressionWords.add(word);
    }
  }
  return view;
}

function readMetric(
  view: AlarmView,
  metric: unknown,
  namespace: string,
  dimension: string,
  native: boolean,
): void {
  const dimensions = at(metric, "dimensions");
  const name = text(at(metric, "namespace"));
  const metricName = text(at(metric, "metricName"));
  // A metric the namespace does not publish never names the profile, whatever its dimensions.
  if (namespace === "AWS/Bedrock" && typeof metricName === "string" && !bedrockMetricNames.has(metricName))
    return;
  if (metricName === undefined) return;
  if (name === UNKNOWN) {
    if (view.inNamespace === false) view.inNamespace = UNKNOWN;
  } else if (name !== namespace) {
    return;
  } else {
    view.inNamespace = true;
  }
  const values = native ? nativeDimension(dimensions, dimension) : at(dimensions, dimension);
  if (isUnknown(values) || isUnknown(dimensions)) view.watchedUnknown = true;
  else if (typeof values === "string" && publishedSeries(metric, metricName, dimensions, dimension, native))
    view.dimensionValues.add(values);
}

/**
 * Whether the metric as the alarm names it is a series Bedrock publishes: no dimension besides the
 * profile's (Bedrock publishes these metrics by ModelId alone; a series with `Tenant` beside it never
 * gets data), and no unit other than the published one.
 */
function publishedSeries(
  metric: unknown,
  metricName: unknown,
  dimensions: unknown,
  dimension: string,
  native: boolean,
): boolean {
  const entries = native ? list(dimensions) : undefined;
  const names: unknown[] = native
    ? (Array.isArray(entries) ? entries : []).map((entry) => text(at(entry, "name")))
    : isRecord(dimensions)
      ? Object.keys(dimensions)
      : [];
  if (names.some((name) => typeof name === "string" && name !== dimension)) return false;
  const unit = text(at(metric, "unit"));
  const published = typeof metricName === "string" ? publishedUnits[metricName] : undefined;
  return typeof unit !== "string" || published === undefined || unit === published;
}

/**
 * The identifiers an expression watches. A Metrics Insights query (`SELECT ... WHERE ModelId = 'x'`)
 * watches only the values its WHERE clause compares with `=` (`!=` and `<>` exclude them); a SEARCH
 * expression names them in its text, except after `NOT`.
 */
function watchedWords(expression: string, dimension: string): string[] {
  if (/^\s*SELECT\b/i.test(expression)) {
    const equality = new RegExp(`\\b${dimension}\\s*=\\s*'([^']*)'`, "g");
    return [...expression.matchAll(equality)].map((match) => match[1]);
  }
  const kept = expression.replace(/\bNOT\s+(\(?[^\s)]*=)?\s*("[^"]*"|'[^']*'|[^\s)]+)/gi, " ");
  return kept.match(/[A-Za-z0-9][A-Za-z0-9:/._+-]*/g) ?? [];
}

function nativeDimension(dimensions: unknown, dimension: string): unknown {
  const entries = list(dimensions);
  if (entries === UNKNOWN) return UNKNOWN;
  for (const entry of entries ?? []) {
    if (isUnknown(entry) || at(entry, "name") === UNKNOWN) return UNKNOWN;
    if (at(entry, "name") === dimension) return at(entry, "value");
  }
  return undefined;
}

function notifies(props: JsonRecord): boolean {
  if (bool(at(props, "actionsEnabled")) === false) return false;
  const actions = at(props, "alarmActions");
  if (isUnknown(actions)) return true;
  return (
    Array.isArray(actions) &&
    actions.some((action) => isUnknown(action) || (typeof action === "string" && action.trim() !== ""))
  );
}

function canFire(props: JsonRecord): boolean {
  const operator = text(at(props, "comparisonOperator"));
  // An alarm that fires when usage falls (LessThan...) never fires on overuse, whatever its threshold.
  if (
    typeof operator === "string" &&
    /^LessThan(Threshold|OrEqualToThreshold|LowerThreshold)$/.test(operator)
  )
    return false;
  const threshold = at(props, "threshold");
  if (typeof threshold !== "number") return true; // absent (metric math with a threshold metric) or unknown
  return Number.isFinite(threshold);
}
