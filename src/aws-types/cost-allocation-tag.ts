import type * as costexplorer from "@pulumi/aws/costexplorer";
import { leanResource } from "../aws-resources";
import { defineAwsType } from "../aws-type-spec";

/** A cost allocation tag the org stack activates in the payer account. */
export const costAllocationTag = defineAwsType({
  type: "aws:costexplorer/costAllocationTag:CostAllocationTag",
  outputs: [],
  api: {
    operation: "ce:UpdateCostAllocationTagsStatus",
    members: {
      tagKey: "CostAllocationTagsStatus[].TagKey",
      status: "CostAllocationTagsStatus[].Status",
    },
    filledByProvider: ["CostAllocationTagsStatus"],
  },
  refresh: {
    stack: "organization",
    actions: ["ce:ListCostAllocationTags"],
    source:
      "ce/cost_allocation_tag.go@18fc80b: resourceCostAllocationTagRead → findCostAllocationTagByTagKey (ListCostAllocationTags)",
  },
  mock: {
    id: "${TagKey}",
    values: { TagKey: { input: "tagKey" } },
    state: { type: "UserDefined" },
    named: false,
  },
});

export const CostAllocationTag = leanResource<costexplorer.CostAllocationTagArgs>(costAllocationTag);
