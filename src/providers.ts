import * as aws from "@pulumi/aws";
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

/** The payer account (org stack): Cost Explorer, cost allocation tags and Organizations are served from us-east-1. */
export function payerProvider(payer: { accountId: string; roleArn: string }): aws.Provider {
  return new aws.Provider("payer", {
    region: "us-east-1",
    assumeRoles: [{ roleArn: payer.roleArn, sessionName: projectName }],
    allowedAccountIds: [payer.accountId],
    defaultTags: { tags: providerDefaultTags },
  });
}
