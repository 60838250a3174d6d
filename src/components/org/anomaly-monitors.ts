import type * as pulumi from "@pulumi/pulumi";
import { snsTopicArn } from "../../arns";
import { AnomalyMonitor } from "../../aws-types/anomaly-monitor";
import { AnomalySubscription } from "../../aws-types/anomaly-subscription";
import { alertTopicName, logicalName, projectName } from "../../naming";
import type { GovernedEnvironmentTenants } from "../../org-stack";
import type { StackTenant } from "../../stack-tenants";
import { anomalyMonitorGroups } from "./anomaly-monitor-groups";

/** One tenant across every governed environment it is enabled in. */
interface MonitoredTenant {
  name: string;
  environments: StackTenant[];
}

/**
 * Cost Anomaly Detection in the payer account: a custom monitor per tenant, across every governed
 * environment, so the 500-monitor quota is counted once for the whole organisation.
 *
 * Why one `Tags` expression on `tenant`, not `And` of `tenant` and `environment`: AWS documents
 * custom monitors as monitors of "an individual linked account, cost category value or cost
 * allocation tag", with the chosen values "monitored in aggregate" (AnomalyMonitor API reference;
 * Cost Anomaly Detection features; user guide manage-ad.html: "analyze specific member accounts,
 * cost allocation tags, or cost categories"), and the console builds a tag monitor from one key. Compound
 * expressions are documented for Cost Explorer queries, not for monitors ("not all Expression types
 * are supported in each API"), so this stack sends only the shape AWS documents. The price: one
 * monitor watches a tenant's spend in all environments; each environment still gets its own
 * subscriptions (its threshold, its topic), and the alert names the linked account it comes from.
 */
export function createAnomalyMonitors(
  environments: readonly GovernedEnvironmentTenants[],
  maxMonitors: number,
  parent: pulumi.Resource,
): { monitors: number; tenants: number } {
  const byName = new Map<string, MonitoredTenant>();
  for (const environment of environments) {
    for (const tenant of environment.tenants) {
      const entry = byName.get(tenant.name) ?? { name: tenant.name, environments: [] };
      entry.environments.push(tenant);
      byName.set(tenant.name, entry);
    }
  }
  const tenants = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const groups = anomalyMonitorGroups(tenants, maxMonitors);
  for (const group of groups) {
    const monitor = new AnomalyMonitor(
      logicalName("anomaly", group.name),
      {
        name: `${projectName}-${group.name}`,
        monitorType: "CUSTOM",
        monitorSpecification: JSON.stringify({
          Tags: {
            Key: "tenant",
            Values: group.tenants.map((tenant) => tenant.name),
            MatchOptions: ["EQUALS"],
          },
        }),
      },
      { parent },
    );
    for (const tenant of group.tenants)
      for (const inEnvironment of tenant.environments)
        createAnomalySubscriptions(inEnvironment, monitor, parent);
  }
  return { monitors: groups.length, tenants: tenants.length };
}

/**
 * The tenant's alert topic, as its environment stack names it (src/naming.ts): the org stack
 * derives it instead of reading it through a StackReference, so it deploys first and plans offline.
 */
export function tenantTopicArn(tenant: StackTenant): string {
  return snsTopicArn(tenant.region, tenant.accountId, alertTopicName(tenant.name, tenant.environment));
}

/**
 * Anomaly alerts for one tenant in one environment: its emails take a daily digest, its alert
 * topic immediate alerts (AWS pairs email with DAILY/WEEKLY and SNS with IMMEDIATE). The topic's
 * policy, written by the environment stack, lets `costalerts.amazonaws.com` publish with the payer
 * account as `aws:SourceAccount`: the account that owns this subscription. Anomalies smaller than 2%
 * of the monthly budget (at least 10 USD) are noise.
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
    { suffix: "sns", frequency: "IMMEDIATE", type: "SNS", addresses: [tenantTopicArn(tenant)] },
  ];
  for (const channel of channels) {
    if (channel.addresses.length === 0) continue;
    new AnomalySubscription(
      logicalName("anomaly", tenant.name, tenant.environment, channel.suffix),
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
