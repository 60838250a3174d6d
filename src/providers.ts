import * as aws from "@pulumi/aws";
import type { StackConfig } from "./config";
import { accountProfileName, billingProfileName } from "./aws-profiles";
import { providerDefaultTags } from "./naming";
import type { StackTenant } from "./stack-tenants";

/**
 * One AWS provider per account alias that a tenant of this stack uses, reading that alias's AWS
 * profile: the job maps it to the preview or the deploy role (src/aws-profiles.ts says why).
 * `allowedAccountIds` makes a wrong role fail before it writes.
 */
export function accountProviders(tenants: readonly StackTenant[]): Map<string, aws.Provider> {
  const providers = new Map<string, aws.Provider>();
  for (const tenant of tenants) {
    if (providers.has(tenant.accountAlias)) continue;
    providers.set(
      tenant.accountAlias,
      new aws.Provider(`account-${tenant.accountAlias}`, {
        region: tenant.region as aws.Region,
        profile: accountProfileName(tenant.accountAlias),
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
    profile: billingProfileName,
    allowedAccountIds: [billing.accountId],
    defaultTags: { tags: providerDefaultTags },
  });
}
