import {
  GetResourcesCommand,
  type ResourceGroupsTaggingAPIClient,
  type ResourceTagMapping,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { isApplicationInferenceProfileArn } from "./arn";
import { collectPages } from "./paginate";
import type { ProfileRecord, ProfileSource } from "./source";

export const APPLICATION_INFERENCE_PROFILE_RESOURCE_TYPE = "bedrock:application-inference-profile";

export interface TagSourceOptions {
  /**
   * The Tagging API is regional: the client's region must be the one the
   * profiles live in. Throttling is retried by this client's retry strategy
   * (`maxAttempts`, `retryMode`), which is where it belongs.
   */
  client: ResourceGroupsTaggingAPIClient;
}

/**
 * Finds profiles by their cost allocation tags with `tag:GetResources`.
 * Tag filtering happens server side, so a lookup costs one call per page of
 * matching profiles, however many other resources the account holds.
 */
export function tagSource({ client }: TagSourceOptions): ProfileSource {
  return {
    async lookup(selector) {
      const TagFilters = Object.entries(selector).map(([Key, value]) => ({ Key, Values: [value] }));
      const mappings = await collectPages<ResourceTagMapping>(async (PaginationToken) => {
        const page = await client.send(
          new GetResourcesCommand({
            ResourceTypeFilters: [APPLICATION_INFERENCE_PROFILE_RESOURCE_TYPE],
            TagFilters,
            PaginationToken,
          }),
        );
        return { items: page.ResourceTagMappingList, nextToken: page.PaginationToken };
      });
      return mappings.flatMap(toRecord);
    },
  };
}

function toRecord(mapping: ResourceTagMapping): ProfileRecord[] {
  if (!isApplicationInferenceProfileArn(mapping.ResourceARN)) return [];
  const tags: Record<string, string> = {};
  for (const { Key, Value } of mapping.Tags ?? []) {
    if (Key !== undefined) tags[Key] = Value ?? "";
  }
  return [{ arn: mapping.ResourceARN, tags }];
}
