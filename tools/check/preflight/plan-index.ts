import { decodeProviderInput } from "../plan/planned-resource";
import type { PlannedResource } from "../plan/planned-resource";
import { resourceTypes } from "../../../src/resource-types";
import { snsTopic } from "../../../src/aws-types/sns-topic";
import { snsTopicPolicy } from "../../../src/aws-types/sns-topic-policy";

/** Where a resource acts: its provider's Region and account (the mocks' defaults when it names none). */
export interface Placement {
  region: string;
  accountId: string;
}

/** What the cross-resource rules look up: each resource's placement, topics by ARN, topic policies by topic. */
export interface PlanIndex {
  placementOf(resource: PlannedResource): Placement;
  topicsByArn: Map<string, PlannedResource>;
  topicPoliciesByArn: Map<string, PlannedResource[]>;
}

const defaultPlacement: Placement = { region: "us-east-1", accountId: "123456789012" };

export function indexPlan(resources: readonly PlannedResource[]): PlanIndex {
  const providers = new Map<string, Placement>();
  const topicsByArn = new Map<string, PlannedResource>();
  const topicPoliciesByArn = new Map<string, PlannedResource[]>();
  for (const resource of resources) {
    if (resource.type === resourceTypes.awsProvider) {
      const accountIds = decodeProviderInput(resource.inputs.allowedAccountIds);
      providers.set(resource.urn, {
        region: typeof resource.inputs.region === "string" ? resource.inputs.region : defaultPlacement.region,
        accountId: Array.isArray(accountIds) ? String(accountIds[0]) : defaultPlacement.accountId,
      });
    } else if (resource.type === snsTopic.type) {
      const arn = resource.outputs?.arn;
      if (typeof arn === "string") topicsByArn.set(arn, resource);
    } else if (resource.type === snsTopicPolicy.type) {
      const arn = resource.inputs.arn;
      if (typeof arn === "string")
        topicPoliciesByArn.set(arn, [...(topicPoliciesByArn.get(arn) ?? []), resource]);
    }
  }
  return {
    placementOf: (resource) => {
      const reference = resource.provider;
      const urn = reference?.slice(0, reference.lastIndexOf("::"));
      return (urn && providers.get(urn)) || defaultPlacement;
    },
    topicsByArn,
    topicPoliciesByArn,
  };
}
