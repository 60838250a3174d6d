import { IamPolicy, IamRolePolicyAttachment } from "../../aws-resources";
import * as pulumi from "@pulumi/pulumi";
import { foundationModelArn } from "../../arns";
import { invokePolicyName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";
import type { ProfileResources } from "./inference-profile";

/**
 * The IAM actions that invoke a model. They also authorize Converse and ConverseStream:
 * there is no `bedrock:Converse` IAM action.
 */
export const bedrockInvokeActions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

/**
 * Lets the tenant's workloads call its profiles and nothing around them. Invoking through a
 * profile also needs the permission on every foundation model it routes to (in each Region
 * for a cross-Region profile); that grant only holds when the request names one of the
 * tenant's profiles (`bedrock:InferenceProfileArn`), so a direct model call is denied.
 */
export function invokePolicyDocument(tenant: StackTenant, profileArns: string[]): string {
  const modelArns = [
    ...new Set(
      tenant.profiles.map((profile) =>
        foundationModelArn(profile.crossRegion ? "*" : tenant.region, profile.model),
      ),
    ),
  ];
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "InvokeThroughProfiles", Effect: "Allow", Action: bedrockInvokeActions, Resource: profileArns },
      {
        Sid: "ReadProfiles",
        Effect: "Allow",
        Action: ["bedrock:GetInferenceProfile"],
        Resource: profileArns,
      },
      {
        Sid: "ModelsOnlyViaProfiles",
        Effect: "Allow",
        Action: bedrockInvokeActions,
        Resource: modelArns,
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": profileArns } },
      },
    ],
  });
}

export function createInvokePolicy(
  tenant: StackTenant,
  profiles: readonly ProfileResources[],
  parent: pulumi.Resource,
): InstanceType<typeof IamPolicy> {
  const policy = new IamPolicy(
    logicalName(tenant.name, "invoke-policy"),
    {
      name: invokePolicyName(tenant.name, tenant.environment),
      description: `Invoke Bedrock only through the application inference profiles of ${tenant.name} (${tenant.environment})`,
      policy: pulumi
        .all(profiles.map((resources) => resources.arn))
        .apply((arns) => invokePolicyDocument(tenant, arns)),
      tags: tenant.tags,
    },
    { parent },
  );
  for (const role of tenant.workloadRoles) {
    new IamRolePolicyAttachment(
      logicalName(tenant.name, "invoke", role),
      { role, policyArn: policy.arn },
      { parent },
    );
  }
  return policy;
}
