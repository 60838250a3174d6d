import { setImmediate as nextTurn } from "node:timers/promises";
import { OrganizationGuardrails } from "./components/organization-guardrails";
import { TenantGuardrails } from "./components/tenant-guardrails";
import { chargebackMap } from "./chargeback";
import type { OrgStackInputs } from "./org-stack";
import { accountProviders, payerProvider } from "./providers";
import type { StackInputs } from "./stack";

/** A stack's validated inputs: an environment stack's, or the org stack's (scope: organization). */
export type ProgramInputs = StackInputs | OrgStackInputs;

/**
 * The program: the components of validated inputs, and the stack's outputs. It validates nothing:
 * index.ts (under `pulumi up`) and the offline check each validate once and hand it the result.
 */
export async function deploy(inputs: ProgramInputs) {
  // The org stack: the payer account's guardrails for every governed environment.
  if ("scope" in inputs) {
    const guardrails = new OrganizationGuardrails("organization", inputs, {
      providers: { aws: payerProvider(inputs.config.payer) },
    });
    return { scope: "organization", anomalyMonitors: guardrails.anomalyMonitors };
  }

  const { config, tenants } = inputs;
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
}
