import type * as costexplorer from "@pulumi/aws/costexplorer";
import { tagMembers } from "../aws-api-members";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** The org stack's Cost Anomaly Detection monitor of Bedrock spend. */
export const anomalyMonitor = defineAwsType({
  type: "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  outputs: ["arn"],
  api: {
    operation: "ce:CreateAnomalyMonitor",
    members: {
      name: "AnomalyMonitor.MonitorName",
      monitorType: "AnomalyMonitor.MonitorType",
      monitorDimension: "AnomalyMonitor.MonitorDimension",
      ...tagMembers("ResourceTags"),
    },
  },
  refresh: {
    stack: "organization",
    actions: ["ce:GetAnomalyMonitors", "ce:ListTagsForResource"],
    source:
      "ce/anomaly_monitor.go@0509e60: resourceAnomalyMonitorRead → findAnomalyMonitorByARN (GetAnomalyMonitors); @Tags(identifierAttribute=arn)",
  },
  mock: {
    arn: {
      iamResourceType: "ce:anomalymonitor",
      format: "arn:${Partition}:ce::${Account}:anomalymonitor/${Identifier}",
    },
    values: { Identifier: "uuid" },
  },
  notJudgedByThePack: "the org stack's own; the preflight checks its quota",
});

export const AnomalyMonitor = leanResource<costexplorer.AnomalyMonitorArgs, "arn">(anomalyMonitor);
