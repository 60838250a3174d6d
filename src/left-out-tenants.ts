import type { StackConfig } from "./config";
import type { LoadedTenant } from "./tenant-loader";

/** A valid tenant file this stack does not plan, and why: the plan shows them, so no tenant disappears silently. */
export interface LeftOutTenant {
  name: string;
  file: string;
  reason: string;
}

/** Tenants switched off for this stack's environment (`enabled: false`), or in another account's split stack. */
export function leftOutTenants(loaded: readonly LoadedTenant[], config: StackConfig): LeftOutTenant[] {
  return loaded.flatMap(({ file, definition }): LeftOutTenant[] => {
    const override = definition.environments?.[config.environment];
    if (override?.enabled === false)
      return [{ name: definition.name, file, reason: `environments.${config.environment}.enabled is false` }];
    const alias = override?.account ?? definition.account ?? config.defaultAccount;
    if (config.accountScope !== undefined && alias !== config.accountScope)
      return [
        {
          name: definition.name,
          file,
          reason: `account "${alias}" is outside this stack's accountScope "${config.accountScope}"`,
        },
      ];
    return [];
  });
}
