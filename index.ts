import { setImmediate as nextTurn } from "node:timers/promises";
import { BillingGuardrails } from "./src/components/billing-guardrails";
import { TenantGuardrails } from "./src/components/tenant-guardrails";
import { chargebackMap } from "./src/chargeback";
import { accountProviders, billingProvider } from "./src/providers";
import { loadStack } from "./src/stack";

export = async () => {
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

  if (config.billing.manage) {
    new BillingGuardrails(
      "billing",
      {
        environment: config.environment,
        tenants,
        costAllocationTagKeys: config.mandatoryTags,
        activateTags: config.billing.activateTags,
        maxAnomalyMonitors: config.maxAnomalyMonitors,
      },
      { providers: { aws: billingProvider(config.billing) } },
    );
  }

  return {
    environment: config.environment,
    /** The chargeback map: tenant → account, budget and profiles. */
    chargeback: chargebackMap(guardrails),
  };
};
