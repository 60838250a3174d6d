import { projectName } from "../../../src/naming";
import type { TenantInput, TenantProfile } from "../../../src/tenant";

/**
 * Where the author fixes a policy's finding: the tenant file's field (for resources a tenant file
 * made), or the stack config key. A policy the pack gains is served before it is anchored here (a
 * policy touches only its own file and test): its findings point at the stack config's `config` key
 * and the policy's remediation until an anchor says better (finding-locations.ts). A test fails when
 * an anchor names a policy the pack no longer has (test/unit/check-report/finding-locations.test.ts).
 */
export type PolicyAnchor =
  /**
   * The tenant file's field; `profileField` below `profiles[i]` when the resource is a profile's.
   * Typed by the tenant schema: a field it renames or drops fails the typecheck here.
   */
  | { tenantField: keyof TenantInput; profileField?: keyof TenantProfile; advice: string }
  /** A key of `Pulumi.<stack>.yaml`. */
  | { stackConfigKey: string; advice: string };

const key = (name: string) => `${projectName}:${name}`;

export const policyAnchors: Readonly<Record<string, PolicyAnchor>> = {
  "bedrock-profile-cost-tags": {
    tenantField: "tags",
    advice:
      "set the missing tag in this tenant's `tags`: every profile, budget and alarm of the tenant carries them",
  },
  "bedrock-profile-model-source": {
    tenantField: "profiles",
    profileField: "model",
    advice: "choose a model the catalog lists for this Region (docs/tenants.md), or its `crossRegion` geo",
  },
  "bedrock-invoke-through-profiles": {
    tenantField: "workloadRoles",
    advice: "list here only the roles that call Bedrock through this tenant's profiles",
  },
  "workloads-reference-profiles": {
    tenantField: "workloadRoles",
    advice: "list here only the roles that call Bedrock through this tenant's profiles",
  },
  "budget-notifications": {
    tenantField: "notify",
    advice: "give `notify.emails` or `notify.snsTopicArns` someone who reads the budget's alerts",
  },
  "tenant-budget-coverage": {
    tenantField: "budget",
    advice: "give the tenant a `budget` (monthlyUsd) for this environment",
  },
  "profile-usage-alarm": {
    tenantField: "alarms",
    advice: "set the tenant's `alarms` thresholds (or leave them to their defaults)",
  },
  "prod-profiles-protected": {
    stackConfigKey: key("protectedEnvironments"),
    advice: "list this environment in `protectedEnvironments` so that its profiles are protected",
  },
  "cost-allocation-tags-active": {
    stackConfigKey: key("activateTags"),
    advice:
      "set `activateTags: true` so that the payer account activates the mandatory tags for cost allocation",
  },
  "scp-closes-model-paths": {
    stackConfigKey: key("serviceControlPolicies"),
    advice: "manage the service control policies (`serviceControlPolicies.manage`) for every target",
  },
  "scp-deploy-role-not-locked-out": {
    stackConfigKey: key("serviceControlPolicies"),
    advice: "exempt the deploy roles from the service control policies",
  },
  "bedrock-resources-use-profiles": {
    stackConfigKey: "config",
    advice: "Bedrock resources outside the tenant files: create them through a tenant file instead",
  },
  "preview-unjudged-values": {
    stackConfigKey: "config",
    advice: "nothing to change: a real preview cannot know the value yet; `npm run check` judges it offline",
  },
  "bedrock-provisioned-throughput-cost-tags": {
    stackConfigKey: key("mandatoryTags"),
    advice: "tag the provisioned throughput with every mandatory tag",
  },
};
