import type { TenantGuardrails } from "./components/tenant-guardrails";
import type { StackTenant } from "./stack-tenants";

/**
 * The stack output FinOps reads: per tenant, where it runs, what it may spend and which
 * profiles carry its cost (ARN, id, model, SSM parameter).
 */
export function chargebackMap(entries: ReadonlyArray<{ tenant: StackTenant; guardrails: TenantGuardrails }>) {
  return Object.fromEntries(
    entries.map(({ tenant, guardrails }) => [
      tenant.name,
      {
        account: tenant.accountAlias,
        accountId: tenant.accountId,
        region: tenant.region,
        tags: tenant.tags,
        monthlyBudgetUsd: tenant.budget.monthlyUsd,
        budgetName: guardrails.budgetName,
        alertTopicArn: guardrails.alertTopicArn,
        invokePolicyArn: guardrails.invokePolicyArn,
        profiles: guardrails.profiles,
      },
    ]),
  );
}
