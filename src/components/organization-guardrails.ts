import * as pulumi from "@pulumi/pulumi";
import type { OrgStackInputs } from "../org-stack";
import { createAnomalyMonitors } from "./org/anomaly-monitors";
import { activateCostAllocationTags } from "./org/cost-allocation-tags";
import { createServiceControlPolicies } from "./org/service-control-policies";
import { resourceTypes } from "../resource-types";

/**
 * Everything that lives once in the payer (management) account, for every governed environment:
 * cost allocation tag activations (retained on delete), Cost Anomaly Detection monitors and
 * subscriptions within the payer's quota, and the service control policies with their
 * attachments. Pass the payer account's provider (us-east-1) as `providers: { aws }`.
 */
export class OrganizationGuardrails extends pulumi.ComponentResource {
  public static readonly type = resourceTypes.organizationGuardrails;
  public readonly anomalyMonitors: number;

  constructor(name: string, inputs: OrgStackInputs, opts?: pulumi.ComponentResourceOptions) {
    super(OrganizationGuardrails.type, name, {}, opts);
    const { config } = inputs;
    if (config.activateTags) activateCostAllocationTags(config.mandatoryTags, this);
    this.anomalyMonitors = createAnomalyMonitors(
      inputs.environments,
      config.maxAnomalyMonitors,
      this,
    ).monitors;
    createServiceControlPolicies(inputs.serviceControlPolicies, config.serviceControlPolicies.targets, this);
    this.registerOutputs({ anomalyMonitors: this.anomalyMonitors });
  }
}
