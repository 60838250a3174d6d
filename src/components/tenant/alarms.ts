import { MetricAlarm } from "../../aws-types/metric-alarm";
import * as pulumi from "@pulumi/pulumi";
import { type AlarmDimension, bedrockNamespace, profileDimensions } from "../../metrics";
import { alarmName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";
import type { ProfileResources } from "./inference-profile";

/** Hourly token sums, projected to a day: a spend guard that reacts within the hour, unlike Budgets. */
const spendPeriodSeconds = 3600;
const periodsPerDay = 86400 / spendPeriodSeconds;

/**
 * Three alarms per profile on the `AWS/Bedrock` metrics: invocations per minute, throttles
 * per five minutes, and estimated USD per day from token counts at catalog prices.
 */
export function createProfileAlarms(
  tenant: StackTenant,
  resources: ProfileResources,
  actions: pulumi.Input<string>[],
  dimension: AlarmDimension,
  parent: pulumi.Resource,
): InstanceType<typeof MetricAlarm>[] {
  const { profile } = resources;
  const dimensions = profileDimensions(resources, dimension);
  const common = {
    alarmActions: actions,
    okActions: actions,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    tags: { ...tenant.tags, profile: profile.name, model: profile.model },
  };
  const name = (metric: string) => alarmName(tenant.name, profile.name, tenant.environment, metric);
  const options = { parent };

  const invocations = new MetricAlarm(
    logicalName(tenant.name, profile.name, "invocations"),
    {
      ...common,
      name: name("invocations"),
      alarmDescription: `${tenant.name}/${profile.name}: more than ${profile.alarms.maxInvocationsPerMinute} invocations a minute for 3 of 5 minutes`,
      namespace: bedrockNamespace,
      metricName: "Invocations",
      dimensions,
      statistic: "Sum",
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      threshold: profile.alarms.maxInvocationsPerMinute,
    },
    options,
  );

  const throttles = new MetricAlarm(
    logicalName(tenant.name, profile.name, "throttles"),
    {
      ...common,
      name: name("throttles"),
      alarmDescription: `${tenant.name}/${profile.name}: more than ${profile.alarms.maxThrottlesPer5Minutes} throttled invocations in 5 minutes`,
      namespace: bedrockNamespace,
      metricName: "InvocationThrottles",
      dimensions,
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: profile.alarms.maxThrottlesPer5Minutes,
    },
    options,
  );

  const tokens = (id: string, metricName: string) => ({
    id,
    metric: { namespace: bedrockNamespace, metricName, dimensions, period: spendPeriodSeconds, stat: "Sum" },
  });
  const { inputPer1M, outputPer1M } = profile.price;
  const estimatedSpend = new MetricAlarm(
    logicalName(tenant.name, profile.name, "estimated-spend"),
    {
      ...common,
      name: name("estimated-usd-per-day"),
      alarmDescription: `${tenant.name}/${profile.name}: token spend at ${inputPer1M}/${outputPer1M} USD per 1M input/output tokens would pass ${profile.alarms.maxEstimatedUsdPerDay} USD a day at the last hour's rate`,
      evaluationPeriods: 1,
      threshold: profile.alarms.maxEstimatedUsdPerDay,
      metricQueries: [
        tokens("input", "InputTokenCount"),
        tokens("output", "OutputTokenCount"),
        {
          id: "usdPerDay",
          label: "Estimated USD per day",
          expression: `(FILL(input, 0) * ${inputPer1M} + FILL(output, 0) * ${outputPer1M}) / 1000000 * ${periodsPerDay}`,
          returnData: true,
        },
      ],
    },
    options,
  );
  return [invocations, throttles, estimatedSpend];
}
