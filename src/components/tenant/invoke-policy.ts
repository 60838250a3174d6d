import { IamPolicy } from "../../aws-types/iam-policy";
import { IamRolePolicyAttachment } from "../../aws-types/iam-role-policy-attachment";
import * as pulumi from "@pulumi/pulumi";
import { invokePolicyDocument } from "../../invoke-policy-document";
import { invokePolicyName, logicalName } from "../../naming";
import type { StackTenant } from "../../stack-tenants";
import type { ProfileResources } from "./inference-profile";

export { bedrockInvokeActions, invokePolicyDocument } from "../../invoke-policy-document";

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
      policy: pulumi.jsonStringify(
        pulumi
          .all(profiles.map((resources) => resources.arn))
          .apply((arns) => invokePolicyDocument(tenant, arns)),
      ),
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
