import type * as pulumi from "@pulumi/pulumi";
import { CostAllocationTag } from "../../aws-types/cost-allocation-tag";
import { logicalName } from "../../naming";

/**
 * Activates each mandatory key for cost allocation in the payer account. Deleting a
 * `CostAllocationTag` sets the key Inactive for the whole organisation, so every activation is
 * `retainOnDelete`: no destroy, rename or dropped key ever switches one off (deactivate by hand in
 * Billing, deliberately). AWS refuses to activate a key that has not appeared in billing data yet
 * (terraform-provider-aws#29068): `activateTags: false` is the first-deploy path (docs/operations.md).
 */
export function activateCostAllocationTags(tagKeys: readonly string[], parent: pulumi.Resource): void {
  for (const tagKey of tagKeys) {
    new CostAllocationTag(
      logicalName("cost-tag", tagKey),
      { tagKey, status: "Active" },
      { parent, retainOnDelete: true },
    );
  }
}
