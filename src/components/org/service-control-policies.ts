import type * as pulumi from "@pulumi/pulumi";
import { OrganizationsPolicy } from "../../aws-types/organizations-policy";
import { OrganizationsPolicyAttachment } from "../../aws-types/organizations-policy-attachment";
import { logicalName } from "../../naming";
import type { ServiceControlPolicyDocument } from "../../scp/documents";

/**
 * Each SCP (`SERVICE_CONTROL_POLICY`) and its attachment to every configured root, OU or account.
 * Logical names come from the SCP's and the target's names, so adding a target attaches, and
 * reordering replaces nothing.
 */
export function createServiceControlPolicies(
  documents: readonly ServiceControlPolicyDocument[],
  targets: readonly string[],
  parent: pulumi.Resource,
): void {
  for (const scp of documents) {
    const policy = new OrganizationsPolicy(
      logicalName("scp", scp.name),
      {
        name: scp.name,
        description: scp.description,
        type: "SERVICE_CONTROL_POLICY",
        content: scp.content,
      },
      { parent },
    );
    for (const targetId of targets) {
      new OrganizationsPolicyAttachment(
        logicalName("scp", scp.name, targetId),
        { policyId: policy.id, targetId },
        { parent },
      );
    }
  }
}
