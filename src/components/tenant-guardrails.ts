import * as pulumi from "@pulumi/pulumi";
import type { AlarmDimension } from "../metrics";
import type { StackTenant } from "../stack-tenants";
import { createAlertTopic } from "./tenant/alert-topic";
import { createProfileAlarms } from "./tenant/alarms";
import { createBudget } from "./tenant/budget";
import { createBudgetDenyAction } from "./tenant/budget-deny-action";
import { createProfile } from "./tenant/inference-profile";
import { createInvokePolicy } from "./tenant/invoke-policy";
import { resourceTypes } from "../resource-types";

export interface TenantGuardrailsArgs {
  /** The tenant as it is in this stack (see `tenantsForStack`). */
  readonly tenant: StackTenant;
  /** How profiles appear in the CloudWatch `ModelId` dimension. */
  readonly alarmDimension: AlarmDimension;
}

export interface ProfileOutputs {
  arn: pulumi.Output<string>;
  id: pulumi.Output<string>;
  model: string;
  crossRegion?: string;
  parameterName: string;
}

/**
 * Everything that makes one tenant's Bedrock spend visible, budgeted and alarmed in one
 * environment: tagged application inference profiles, their SSM parameters, an alert topic,
 * a tag-filtered budget (with an optional deny action), CloudWatch alarms per profile and
 * an IAM policy that allows invoking models only through the profiles. Pass the tenant
 * account's provider as `providers: { aws }`; every child inherits it.
 */
export class TenantGuardrails extends pulumi.ComponentResource {
  public static readonly type = resourceTypes.tenantGuardrails;
  /** Profile name → ARN, id, model and SSM parameter name. */
  public readonly profiles: Record<string, ProfileOutputs>;
  public readonly alertTopicArn: pulumi.Output<string>;
  public readonly budgetName: pulumi.Output<string>;
  public readonly invokePolicyArn: pulumi.Output<string>;

  constructor(name: string, args: TenantGuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TenantGuardrails.type, name, {}, opts);
    const { tenant } = args;

    const profiles = tenant.profiles.map((profile) => createProfile(tenant, profile, this));
    const alerts = createAlertTopic(tenant, this);
    const topic = alerts.topic;
    const alarmActions = [topic.arn, ...tenant.notify.snsTopicArns];
    for (const resources of profiles)
      createProfileAlarms(tenant, resources, alarmActions, args.alarmDimension, this);
    const budget = createBudget(tenant, alerts, this);
    if (tenant.budget.onExceed === "deny") createBudgetDenyAction(tenant, budget, alerts, this);
    const invokePolicy = createInvokePolicy(tenant, profiles, this);

    this.profiles = Object.fromEntries(
      profiles.map(({ profile, arn, id }) => [
        profile.name,
        {
          arn,
          id,
          model: profile.model,
          crossRegion: profile.crossRegion,
          parameterName: profile.parameterName,
        },
      ]),
    );
    this.alertTopicArn = topic.arn;
    this.budgetName = budget.name;
    this.invokePolicyArn = invokePolicy.arn;
    this.registerOutputs({
      profiles: this.profiles,
      alertTopicArn: this.alertTopicArn,
      budgetName: this.budgetName,
      invokePolicyArn: this.invokePolicyArn,
    });
  }
}
