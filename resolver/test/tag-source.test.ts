import assert from "node:assert/strict";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  type ResourceTagMapping,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { mockClient } from "aws-sdk-client-mock";
import { ProfileLookupError, ProfileResolver, tagSource } from "..";
import { CLAIMS_CHATBOT, profileArn } from "./fakes";

const mapping = (arn: string, tags: Record<string, string>): ResourceTagMapping => ({
  ResourceARN: arn,
  Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
});

describe("tagSource", () => {
  const client = new ResourceGroupsTaggingAPIClient({ region: "us-east-1" });
  const tagging = mockClient(client);
  afterEach(() => tagging.reset());
  after(() => tagging.restore());

  it("asks GetResources for application inference profiles carrying every selector tag", async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    await tagSource({ client }).lookup({ tenant: "claims", profile: "chatbot", environment: "prod" });
    assert.deepEqual(tagging.commandCalls(GetResourcesCommand)[0].args[0].input, {
      ResourceTypeFilters: ["bedrock:application-inference-profile"],
      TagFilters: [
        { Key: "tenant", Values: ["claims"] },
        { Key: "profile", Values: ["chatbot"] },
        { Key: "environment", Values: ["prod"] },
      ],
      PaginationToken: undefined,
    });
  });

  it("follows PaginationToken until it is empty and returns every page's profiles with their tags", async () => {
    const tags = { ...CLAIMS_CHATBOT, environment: "prod", "cost-center": "cc-42" };
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: [mapping(profileArn("page1"), tags)], PaginationToken: "t1" })
      .resolvesOnce({ ResourceTagMappingList: [], PaginationToken: "t2" })
      .resolvesOnce({ ResourceTagMappingList: [mapping(profileArn("page3"), tags)], PaginationToken: "" });
    const found = await tagSource({ client }).lookup(CLAIMS_CHATBOT);
    assert.deepEqual(
      tagging.commandCalls(GetResourcesCommand).map((call) => call.args[0].input.PaginationToken),
      [undefined, "t1", "t2"],
    );
    assert.deepEqual(found, [
      { arn: profileArn("page1"), tags },
      { arn: profileArn("page3"), tags },
    ]);
  });

  it("drops resources whose ARN is not an application inference profile", async () => {
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        mapping(
          "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
          CLAIMS_CHATBOT,
        ),
        { Tags: [] },
        mapping(profileArn("good"), CLAIMS_CHATBOT),
      ],
    });
    const found = await tagSource({ client }).lookup(CLAIMS_CHATBOT);
    assert.deepEqual(
      found.map((record) => record.arn),
      [profileArn("good")],
    );
  });

  it("fails instead of looping when the service hands back a token it already gave", async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: "same" });
    await assert.rejects(
      tagSource({ client }).lookup(CLAIMS_CHATBOT),
      /pagination token same was returned twice/,
    );
    assert.equal(tagging.commandCalls(GetResourcesCommand).length, 2);
  });

  it("lets the client's error through so the resolver can serve stale or surface it", async () => {
    tagging
      .on(GetResourcesCommand)
      .rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));
    const resolver = new ProfileResolver({ source: tagSource({ client }) });
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), (error: unknown) => {
      assert.ok(error instanceof ProfileLookupError);
      assert.equal((error.cause as Error).name, "ThrottlingException");
      return true;
    });
  });

  it("resolves a tenant's profile through ProfileResolver", async () => {
    tagging
      .on(GetResourcesCommand)
      .resolves({ ResourceTagMappingList: [mapping(profileArn("claimsbot"), CLAIMS_CHATBOT)] });
    const resolver = new ProfileResolver({ source: tagSource({ client }) });
    assert.equal(await resolver.resolve(CLAIMS_CHATBOT), profileArn("claimsbot"));
  });
});
