import * as aws from "@pulumi/aws";
import type { StackConfig } from "./config";
import { projectName, providerDefaultTags } from "./naming";
import type { StackTenant } from "./stack-tenants";

/**
 * One AWS provider per account alias that a tenant of this stack uses, assuming the
 * stack's deploy role there. `allowedAccountIds` makes a wrong role fail before it writes.
 */
export function accountProviders(tenants: readonly StackTenant[]): Map<string, aws.Provider> {
  const providers = new Map<string, aws.Provider>();
  for (const tenant of tenants) {
    if (providers.has(tenant.accountAlias)) continue;
    providers.set(
      tenant.accountAlias,
      new aws.Provider(`account-${tenant.accountAlias}`, {
        region: tenant.region as aws.Region,
        assumeRoles: [{ roleArn: tenant.roleArn, sessionName: projectName }],
        allowedAccountIds: [tenant.accountId],
        defaultTags: { tags: providerDefaultTags },
      }),
    );
  }
  return providers;
}

/** The payer account: Cost Explorer and cost allocation tags are served from us-east-1. */
export function billingProvider(billing: StackConfig["billing"]): aws.Provider {
  return new aws.Provider("billing", {
    region: "us-east-1",
    assumeRoles: [{ roleArn: billing.roleArn, sessionName: projectName }],
    allowedAccountIds: [billing.accountId],
    defaultTags: { tags: providerDefaultTags },
  });
}
