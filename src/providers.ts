import { Provider } from "@pulumi/aws/provider";
import type { Region } from "@pulumi/aws/types/enums";
import { accountProfileName, payerProfileName } from "./aws-profiles";
import { providerDefaultTags } from "./naming";
import type { StackTenant } from "./stack-tenants";

/**
 * One AWS provider per account alias that a tenant of this stack uses, reading that alias's AWS
 * profile: the job maps it to the preview or the deploy role (src/aws-profiles.ts says why).
 * `allowedAccountIds` makes a wrong role fail before it writes.
 */
export function accountProviders(tenants: readonly StackTenant[]): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  for (const tenant of tenants) {
    if (providers.has(tenant.accountAlias)) continue;
    providers.set(
      tenant.accountAlias,
      new Provider(`account-${tenant.accountAlias}`, {
        region: tenant.region as Region,
        profile: accountProfileName(tenant.accountAlias),
        allowedAccountIds: [tenant.accountId],
        defaultTags: { tags: providerDefaultTags },
      }),
    );
  }
  return providers;
}

/**
 * The payer account (org stack): Cost Explorer, cost allocation tags and Organizations are served
 * from us-east-1. Its profile maps to the org stack's preview or deploy role, as for the accounts.
 */
export function payerProvider(payer: { accountId: string }): Provider {
  return new Provider("payer", {
    region: "us-east-1",
    profile: payerProfileName,
    allowedAccountIds: [payer.accountId],
    defaultTags: { tags: providerDefaultTags },
  });
}
