import assert from "node:assert/strict";
import { GetParametersByPathCommand, SSMClient, type Parameter } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { AmbiguousProfileError, InvalidSelectorError, ProfileResolver, parameterStoreSource } from "..";
import { CLAIMS_CHATBOT, profileArn } from "./fakes";

const ROOT = "/bedrock-cost-governance";
const parameter = (relativeName: string, Value: string): Parameter => ({
  Name: `${ROOT}/${relativeName}`,
  Value,
  Type: "String",
});

describe("parameterStoreSource", () => {
  const client = new SSMClient({ region: "us-east-1" });
  const ssm = mockClient(client);
  afterEach(() => ssm.reset());
  after(() => ssm.restore());

  const requestedPaths = () =>
    ssm.commandCalls(GetParametersByPathCommand).map((call) => call.args[0].input.Path);

  it("reads the environment and tenant subtree recursively and takes tags from the name's segments", async () => {
    ssm.on(GetParametersByPathCommand).resolves({
      Parameters: [
        parameter("prod/claims/chatbot", profileArn("prodchat")),
        parameter("prod/claims/batch", profileArn("prodbatch")),
      ],
    });
    const found = await parameterStoreSource({ client }).lookup({ environment: "prod", ...CLAIMS_CHATBOT });
    assert.deepEqual(ssm.commandCalls(GetParametersByPathCommand)[0].args[0].input, {
      Path: `${ROOT}/prod/claims`,
      Recursive: true,
      NextToken: undefined,
    });
    assert.deepEqual(found, [
      { arn: profileArn("prodchat"), tags: { environment: "prod", tenant: "claims", profile: "chatbot" } },
    ]);
  });

  it("reads the whole root when the selector has no environment, so every environment's profile matches", async () => {
    ssm.on(GetParametersByPathCommand).resolves({
      Parameters: [
        parameter("prod/claims/chatbot", profileArn("prodchat")),
        parameter("dev/claims/chatbot", profileArn("devchat")),
      ],
    });
    const resolver = new ProfileResolver({ source: parameterStoreSource({ client }) });
    await assert.rejects(resolver.resolve(CLAIMS_CHATBOT), AmbiguousProfileError);
    assert.deepEqual(requestedPaths(), [ROOT]);
  });

  it("pins the environment of an environment path and narrows to the tenant below it", async () => {
    ssm
      .on(GetParametersByPathCommand)
      .resolves({ Parameters: [parameter("prod/claims/chatbot", profileArn("prodchat"))] });
    const source = parameterStoreSource({ client, path: `${ROOT}/prod/` });
    assert.deepEqual(await source.lookup(CLAIMS_CHATBOT), [
      { arn: profileArn("prodchat"), tags: { environment: "prod", tenant: "claims", profile: "chatbot" } },
    ]);
    assert.deepEqual(await source.lookup({ environment: "dev", ...CLAIMS_CHATBOT }), []);
    assert.deepEqual(requestedPaths(), [`${ROOT}/prod/claims`, `${ROOT}/prod/claims`]);
  });

  it("follows NextToken until the last page", async () => {
    ssm
      .on(GetParametersByPathCommand)
      .resolvesOnce({ Parameters: [parameter("prod/claims/batch", profileArn("batch"))], NextToken: "n1" })
      .resolvesOnce({ Parameters: [], NextToken: "n2" })
      .resolvesOnce({ Parameters: [parameter("prod/claims/chatbot", profileArn("chat"))] });
    const found = await parameterStoreSource({ client }).lookup({ environment: "prod", ...CLAIMS_CHATBOT });
    assert.deepEqual(
      ssm.commandCalls(GetParametersByPathCommand).map((call) => call.args[0].input.NextToken),
      [undefined, "n1", "n2"],
    );
    assert.deepEqual(
      found.map((record) => record.arn),
      [profileArn("chat")],
    );
  });

  it("never returns a parameter holding a base model id or anything else that is not a profile ARN", async () => {
    ssm.on(GetParametersByPathCommand).resolves({
      Parameters: [
        parameter("prod/claims/chatbot", "anthropic.claude-3-haiku-20240307-v1:0"),
        parameter("prod/claims/chatbot", "AQICAHh...encrypted"),
        { Name: `${ROOT}/prod/claims/chatbot` },
      ],
    });
    assert.deepEqual(
      await parameterStoreSource({ client }).lookup({ environment: "prod", ...CLAIMS_CHATBOT }),
      [],
    );
  });

  it("ignores parameters that are not at <environment>/<tenant>/<profile> depth", async () => {
    ssm.on(GetParametersByPathCommand).resolves({
      Parameters: [
        parameter("prod/claims", profileArn("tooshallow")),
        parameter("prod/claims/chatbot/old", profileArn("toodeep")),
      ],
    });
    assert.deepEqual(
      await parameterStoreSource({ client }).lookup({ environment: "prod", ...CLAIMS_CHATBOT }),
      [],
    );
  });

  it("reads names under a custom root", async () => {
    ssm
      .on(GetParametersByPathCommand)
      .resolves({ Parameters: [{ Name: "/acme/llm/prod/claims/chatbot", Value: profileArn("acme") }] });
    const found = await parameterStoreSource({ client, root: "/acme/llm" }).lookup({
      environment: "prod",
      ...CLAIMS_CHATBOT,
    });
    assert.deepEqual(
      found.map((record) => record.arn),
      [profileArn("acme")],
    );
    assert.deepEqual(requestedPaths(), ["/acme/llm/prod/claims"]);
  });

  it("rejects selector keys it cannot see, naming them, without calling SSM", async () => {
    await assert.rejects(
      parameterStoreSource({ client }).lookup({ ...CLAIMS_CHATBOT, dept: "ops" }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidSelectorError);
        assert.match(
          error.message,
          /can only match environment, tenant, profile; use tagSource to match dept/,
        );
        return true;
      },
    );
    assert.equal(ssm.commandCalls(GetParametersByPathCommand).length, 0);
  });

  it("makes the resolver reject such a selector as an InvalidSelectorError, not as a lookup outage", async () => {
    const resolver = new ProfileResolver({ source: parameterStoreSource({ client }) });
    await assert.rejects(
      resolver.resolve({ ...CLAIMS_CHATBOT, model: "anthropic.claude" }),
      InvalidSelectorError,
    );
    assert.equal(ssm.commandCalls(GetParametersByPathCommand).length, 0);
  });

  for (const path of ["/other/prod", `${ROOT}/prod/claims/chatbot`, "bedrock-cost-governance"]) {
    it(`refuses the path ${path}, which is not the root or an environment or tenant below it`, () => {
      assert.throws(() => parameterStoreSource({ client, path }), TypeError);
    });
  }
});
