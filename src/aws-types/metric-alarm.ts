import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** A profile's usage alarm (src/components/tenant/alarms.ts). */
export const metricAlarm = defineAwsType({
  type: "aws:cloudwatch/metricAlarm:MetricAlarm",
  outputs: ["arn"],
  api: {
    operation: "cloudwatch:PutMetricAlarm",
    members: {
      name: "AlarmName",
      alarmDescription: "AlarmDescription",
      alarmActions: "AlarmActions",
      "alarmActions[]": "AlarmActions[]",
      okActions: "OKActions",
      "okActions[]": "OKActions[]",
      comparisonOperator: "ComparisonOperator",
      evaluationPeriods: "EvaluationPeriods",
      datapointsToAlarm: "DatapointsToAlarm",
      threshold: "Threshold",
      treatMissingData: "TreatMissingData",
      namespace: "Namespace",
      metricName: "MetricName",
      statistic: "Statistic",
      period: "Period",
      dimensions: "Dimensions",
      "dimensions{key}": "Dimensions[].Name",
      "dimensions{value}": "Dimensions[].Value",
      metricQueries: "Metrics",
      "metricQueries[].id": "Metrics[].Id",
      "metricQueries[].expression": "Metrics[].Expression",
      "metricQueries[].label": "Metrics[].Label",
      "metricQueries[].metric.namespace": "Metrics[].MetricStat.Metric.Namespace",
      "metricQueries[].metric.metricName": "Metrics[].MetricStat.Metric.MetricName",
      "metricQueries[].metric.dimensions": "Metrics[].MetricStat.Metric.Dimensions",
      "metricQueries[].metric.dimensions{key}": "Metrics[].MetricStat.Metric.Dimensions[].Name",
      "metricQueries[].metric.dimensions{value}": "Metrics[].MetricStat.Metric.Dimensions[].Value",
      "metricQueries[].metric.period": "Metrics[].MetricStat.Period",
      "metricQueries[].metric.stat": "Metrics[].MetricStat.Stat",
      ...tagMembers("Tags"),
    },
  },
  refresh: {
    stack: "environment",
    actions: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    source:
      "cloudwatch/metric_alarm.go@055611a: resourceMetricAlarmRead → findMetricAlarmByName (DescribeAlarms); tags",
  },
  mock: {
    arn: {
      iamResourceType: "cloudwatch:alarm",
      format: "arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:${AlarmName}",
    },
    id: "${AlarmName}",
  },
});

export const MetricAlarm = leanResource<cloudwatch.MetricAlarmArgs, "arn">(metricAlarm);
