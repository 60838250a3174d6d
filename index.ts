import { BillingGuardrails } from "./src/components/billing-guardrails";
import { TenantGuardrails } from "./src/components/tenant-guardrails";
import { chargebackMap } from "./src/chargeback";
import { accountProviders, billingProvider } from "./src/providers";
import { loadStack } from "./src/stack";

// Stack config and tenant files, validated together: any problem stops the program before one resource.
const { config, tenants } = loadStack();

const providers = accountProviders(tenants);
const guardrails = tenants.map((tenant) => ({
  tenant,
  guardrails: new TenantGuardrails(
    tenant.name,
    { tenant, alarmDimension: config.alarmDimension },
    { providers: { aws: providers.get(tenant.accountAlias)! } },
  ),
}));

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

export const environment = config.environment;
/** The chargeback map: tenant → account, budget and profiles. */
export const chargeback = chargebackMap(guardrails);
