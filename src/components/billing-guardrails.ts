import { AnomalyMonitor, AnomalySubscription, CostAllocationTag } from "../aws-resources";
import * as pulumi from "@pulumi/pulumi";
import { logicalName, projectName } from "../naming";
import type { StackTenant } from "../stack-tenants";
import { anomalyMonitorGroups } from "../anomaly-monitor-groups";

export interface BillingGuardrailsArgs {
  /** The stack's environment: monitors watch only this environment's spend of each tenant. */
  readonly environment: string;
  readonly tenants: readonly StackTenant[];
  /** Tag keys to activate for cost allocation (the stack's mandatory tags). */
  readonly costAllocationTagKeys: readonly string[];
  /** Whether to activate them (a key can only be activated once it appears in billing data). */
  readonly activateTags: boolean;
  /** Custom anomaly monitors this stack may create (AWS allows 500 per payer account). */
  readonly maxAnomalyMonitors: number;
}

/**
 * The payer-account side, once per stack: cost allocation tags only exist for billing once
 * activated there (up to 24 hours, not retroactive), and Cost Anomaly Detection monitors
 * watch spend by the `tenant` tag. Pass the billing provider as `providers: { aws }`.
 */
export class BillingGuardrails extends pulumi.ComponentResource {
  public static readonly type = "bedrock-cost-governance:index:BillingGuardrails";
  public readonly anomalyMonitorArns: pulumi.Output<string>[];

  constructor(name: string, args: BillingGuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BillingGuardrails.type, name, {}, opts);
    const parent = this;
    if (args.activateTags) {
      for (const tagKey of args.costAllocationTagKeys) {
        new CostAllocationTag(logicalName("cost-tag", tagKey), { tagKey, status: "Active" }, { parent });
      }
    }

    const groups = anomalyMonitorGroups(args.tenants, args.maxAnomalyMonitors);
    this.anomalyMonitorArns = groups.map((group) => {
      const monitor = new AnomalyMonitor(
        logicalName("anomaly", group.name),
        {
          name: `${projectName}-${args.environment}-${group.name}`,
          monitorType: "CUSTOM",
          // Custom monitors watch the selected values in aggregate: one tenant per monitor until the quota forces sharing.
          monitorSpecification: JSON.stringify({
            And: [
              {
                Tags: {
                  Key: "tenant",
                  Values: group.tenants.map((tenant) => tenant.name),
                  MatchOptions: ["EQUALS"],
                },
              },
              { Tags: { Key: "environment", Values: [args.environment], MatchOptions: ["EQUALS"] } },
            ],
          }),
        },
        { parent },
      );
      for (const tenant of group.tenants) createAnomalySubscriptions(tenant, monitor, parent);
      return monitor.arn;
    });
    this.registerOutputs({ anomalyMonitorArns: this.anomalyMonitorArns });
  }
}

/**
 * Anomaly alerts for one tenant: email subscribers take a daily digest, SNS subscribers take
 * immediate alerts (AWS allows no other pairing). The threshold ignores anomalies smaller than
 * 2% of the monthly budget (at least 10 USD), which would only be noise.
 */
function createAnomalySubscriptions(
  tenant: StackTenant,
  monitor: InstanceType<typeof AnomalyMonitor>,
  parent: pulumi.Resource,
): void {
  const threshold = Math.max(10, Math.round(tenant.budget.monthlyUsd * 0.02));
  const thresholdExpression = {
    dimension: {
      key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
      matchOptions: ["GREATER_THAN_OR_EQUAL"],
      values: [String(threshold)],
    },
  };
  const channels = [
    { suffix: "email", frequency: "DAILY", type: "EMAIL", addresses: tenant.notify.emails },
    { suffix: "sns", frequency: "IMMEDIATE", type: "SNS", addresses: tenant.notify.snsTopicArns },
  ];
  for (const channel of channels) {
    if (channel.addresses.length === 0) continue;
    new AnomalySubscription(
      logicalName("anomaly", tenant.name, channel.suffix),
      {
        name: `${projectName}-${tenant.name}-${tenant.environment}-${channel.suffix}`,
        frequency: channel.frequency,
        monitorArnLists: [monitor.arn],
        subscribers: channel.addresses.map((address) => ({ type: channel.type, address })),
        thresholdExpression,
        tags: tenant.tags,
      },
      { parent },
    );
  }
}
