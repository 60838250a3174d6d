import type { StackValidationPolicy } from "@pulumi/policy";
import type { TypedResourcePolicy } from "./lib/define-policy";
import { bedrockInvokeThroughProfiles } from "./bedrock-invoke-through-profiles";
import { bedrockProfileCostTags } from "./bedrock-profile-cost-tags";
import { bedrockProfileModelSource } from "./bedrock-profile-model-source";
import { bedrockProvisionedThroughputCostTags } from "./bedrock-provisioned-throughput-cost-tags";
import { bedrockResourcesUseProfiles } from "./bedrock-resources-use-profiles";
import { budgetNotifications } from "./budget-notifications";
import { costAllocationTagsActive } from "./cost-allocation-tags-active";
import { previewUnjudgedValues } from "./preview-unjudged-values";
import { prodProfilesProtected } from "./prod-profiles-protected";
import { profileUsageAlarm } from "./profile-usage-alarm";
import { scpClosesModelPaths } from "./scp-closes-model-paths";
import { scpDeployRoleNotLockedOut } from "./scp-deploy-role-not-locked-out";
import { tenantBudgetCoverage } from "./tenant-budget-coverage";
import { workloadsReferenceProfiles } from "./workloads-reference-profiles";

/** Every policy of the pack, in the order it serves them; a module of its own so tests can read it without serving the pack. */
export const policies: Array<TypedResourcePolicy | StackValidationPolicy> = [
  bedrockProfileCostTags,
  bedrockProfileModelSource,
  bedrockInvokeThroughProfiles,
  workloadsReferenceProfiles,
  budgetNotifications,
  tenantBudgetCoverage,
  profileUsageAlarm,
  costAllocationTagsActive,
  prodProfilesProtected,
  bedrockResourcesUseProfiles,
  bedrockProvisionedThroughputCostTags,
  scpDeployRoleNotLockedOut,
  scpClosesModelPaths,
  previewUnjudgedValues,
];
