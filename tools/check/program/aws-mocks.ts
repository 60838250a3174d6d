import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "../../../src/arns";
import { decodeProviderInput } from "../plan/planned-resource";
import { resourceTypes } from "../../../src/resource-types";

/**
 * Mocks that answer like AWS: ids and ARNs have the shapes AWS gives them (an application
 * inference profile id is 12 lowercase alphanumerics), derived from the resource's name and
 * its provider's account and Region, so plans are stable run to run.
 */
export class AwsMocks implements pulumi.runtime.Mocks {
  private readonly providers = new Map<string, { region: string; accountId: string }>();

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const inputs = (args.inputs ?? {}) as Record<string, unknown>;
    if (args.type.startsWith("pulumi:providers:")) {
      const id = digest(`provider:${args.name}`, 16);
      // Provider inputs reach the engine JSON-encoded when they are not strings.
      const accountIds = decodeProviderInput(inputs.allowedAccountIds);
      this.providers.set(id, {
        region: typeof inputs.region === "string" ? inputs.region : "us-east-1",
        accountId: Array.isArray(accountIds) ? String(accountIds[0]) : "123456789012",
      });
      return { id, state: inputs };
    }
    const { region, accountId } = this.providerOf(args.provider);
    // ARNs in the Region's partition, as AWS gives them (GovCloud: aws-us-gov).
    const partition = partitionOf(region);
    const name = typeof inputs.name === "string" ? inputs.name : `${args.name}-${digest(args.name, 7)}`;
    const awsId = (length: number) => digest(`${args.type}:${args.name}:${accountId}:${region}`, length);
    const withArn = (arn: string, id = arn) => ({
      id,
      state: { ...inputs, name, arn, tagsAll: inputs.tags },
    });

    switch (args.type) {
      case resourceTypes.inferenceProfile: {
        const profileId = base36(awsId(24)).slice(0, 12).padEnd(12, "0");
        return withArn(
          `arn:${partition}:bedrock:${region}:${accountId}:application-inference-profile/${profileId}`,
        );
      }
      case resourceTypes.snsTopic:
        return withArn(`arn:${partition}:sns:${region}:${accountId}:${name}`);
      case resourceTypes.snsTopicSubscription:
        return withArn(`${String(inputs.topic)}:${uuid(awsId(32))}`);
      case resourceTypes.iamPolicy:
        return withArn(`arn:${partition}:iam::${accountId}:policy/${name}`);
      case resourceTypes.iamRole:
        return withArn(`arn:${partition}:iam::${accountId}:role/${name}`, name);
      case resourceTypes.metricAlarm:
        return withArn(`arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${name}`, name);
      case resourceTypes.ssmParameter:
        return withArn(`arn:${partition}:ssm:${region}:${accountId}:parameter${name}`, name);
      case resourceTypes.budget:
        return withArn(`arn:${partition}:budgets::${accountId}:budget/${name}`, `${accountId}:${name}`);
      case resourceTypes.budgetAction: {
        const actionId = uuid(awsId(32));
        return withArn(
          `arn:${partition}:budgets::${accountId}:budget/${String(inputs.budgetName)}/action/${actionId}`,
          `${accountId}:${actionId}:${String(inputs.budgetName)}`,
        );
      }
      case resourceTypes.anomalyMonitor:
        return withArn(`arn:${partition}:ce::${accountId}:anomalymonitor/${uuid(awsId(32))}`);
      case resourceTypes.anomalySubscription:
        return withArn(`arn:${partition}:ce::${accountId}:anomalysubscription/${uuid(awsId(32))}`);
      case resourceTypes.organizationsPolicy: {
        // An SCP id is p- and 8 or more lowercase alphanumerics; its ARN names the organisation.
        const policyId = `p-${base36(awsId(16)).slice(0, 8).padEnd(8, "0")}`;
        return withArn(
          `arn:${partition}:organizations::${accountId}:policy/o-exampleorg/service_control_policy/${policyId}`,
          policyId,
        );
      }
      case resourceTypes.organizationsPolicyAttachment:
        return { id: `${String(inputs.targetId)}:${String(inputs.policyId)}`, state: { ...inputs } };
      case resourceTypes.costAllocationTag:
        return { id: String(inputs.tagKey), state: { ...inputs, type: "UserDefined" } };
      default:
        return { id: `${name}`, state: { ...inputs, name } };
    }
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    return args.inputs as Record<string, unknown>;
  }

  /** A provider reference is `<provider urn>::<provider id>`; resources without one act in the default account. */
  private providerOf(reference: string | undefined): { region: string; accountId: string } {
    const id = reference?.slice(reference.lastIndexOf("::") + 2);
    return (id && this.providers.get(id)) || { region: "us-east-1", accountId: "123456789012" };
  }
}

function digest(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function base36(hex: string): string {
  return BigInt(`0x${hex}`).toString(36);
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
