import { setImmediate as nextTurn } from "node:timers/promises";
import * as pulumi from "@pulumi/pulumi";
import { OrganizationGuardrails } from "./src/components/organization-guardrails";
import { TenantGuardrails } from "./src/components/tenant-guardrails";
import { chargebackMap } from "./src/chargeback";
import { stackScopeOf } from "./src/org-config";
import { loadOrgStack } from "./src/org-stack";
import { accountProviders, payerProvider } from "./src/providers";
import { loadStack } from "./src/stack";

export = async () => {
  // The org stack (scope: organization): the payer account's guardrails for every governed environment.
  if (stackScopeOf(pulumi.runtime.allConfig()) === "organization") {
    const org = loadOrgStack();
    const guardrails = new OrganizationGuardrails("organization", org, {
      providers: { aws: payerProvider(org.config.payer) },
    });
    return { scope: "organization", anomalyMonitors: guardrails.anomalyMonitors };
  }

  // Stack config and tenant files, validated together: any problem stops the program before one resource.
  const { config, tenants } = loadStack();

  const providers = accountProviders(tenants);
  const guardrails = [];
  for (const tenant of tenants) {
    const component = new TenantGuardrails(
      tenant.name,
      { tenant, alarmDimension: config.alarmDimension },
      { providers: { aws: providers.get(tenant.accountAlias)! } },
    );
    guardrails.push({ tenant, guardrails: component });
    // Let the SDK send this tenant's registrations before building the next: built in one go, a
    // thousand tenants kept every pending registration in memory at once.
    await nextTurn();
  }

  return {
    environment: config.environment,
    /** The chargeback map: tenant → account, budget and profiles. */
    chargeback: chargebackMap(guardrails),
  };
};
