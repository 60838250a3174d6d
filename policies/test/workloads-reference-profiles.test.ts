import { workloadsReferenceProfiles as policy } from "../rules/workloads-reference-profiles";
import { type ResourceSpec, UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { profileArn } from "./helpers/policy-fixtures";

const { expectNoViolations, expectViolation, expectNotApplicable, itPasses } = resourcePolicyChecks(policy);

function getHappyPathArgs(
  variables: Record<string, unknown> = {
    PROFILE_ARN: profileArn,
    PROFILE_PARAMETER: "/bedrock-cost-governance/dev/claims/chatbot",
    LOG_LEVEL: "info",
  },
): ResourceSpec {
  return {
    type: "aws:lambda/function:Function",
    name: "claims-chat-handler",
    props: { runtime: "nodejs20.x", environment: { variables } },
  };
}

const parameter = (value: unknown, type = "String"): ResourceSpec => ({
  type: "aws:ssm/parameter:Parameter",
  name: "claims-chatbot-parameter",
  props: { name: "/bedrock-cost-governance/dev/claims/chatbot", type, value },
});

describe("#workloads-reference-profiles", () => {
  itPasses({
    "a Lambda function whose settings name the application profile (ARN or SSM parameter)":
      getHappyPathArgs(),
    "the program's SSM parameter holding the profile ARN": parameter(profileArn),
    "dotted values that are not model ids": getHappyPathArgs({
      API_HOST: "api.example.com",
      VERSION: "v1.2.3",
      ARN: "arn:aws:s3:::bucket",
    }),
  });

  it("fails a raw foundation-model id, naming the variable and the fix", async () => {
    await expectViolation(
      getHappyPathArgs({ MODEL_ID: "anthropic.claude-3-haiku-20240307-v1:0" }),
      'The environment variable MODEL_ID of "claims-chat-handler" names a foundation model directly ("anthropic.claude-3-haiku-20240307-v1:0"): set it to the application inference profile ARN',
    );
  });

  it("fails a foundation-model ARN, a system profile id and a system profile ARN", async () => {
    for (const value of [
      "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
      "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
      "arn:aws:bedrock:us-east-1:111122223333:inference-profile/eu.amazon.nova-pro-v1:0",
    ]) {
      await expectViolation(getHappyPathArgs({ MODEL: value }), "environment variable MODEL");
    }
  });

  it("fails an SSM String or StringList parameter holding a model id, and ignores SecureString", async () => {
    await expectViolation(
      parameter("meta.llama3-70b-instruct-v1:0"),
      'The value of "claims-chatbot-parameter" names a foundation model',
    );
    await expectViolation(
      parameter(`${profileArn}, amazon.nova-micro-v1:0`, "StringList"),
      "amazon.nova-micro-v1:0",
    );
    await expectNoViolations(parameter("meta.llama3-70b-instruct-v1:0", "SecureString"));
  });

  it("fails a model id in an ECS container environment (classic: a JSON string)", async () => {
    const containerDefinitions = JSON.stringify([
      {
        name: "api",
        image: "api:1",
        environment: [{ name: "BEDROCK_MODEL", value: "anthropic.claude-3-haiku-20240307-v1:0" }],
      },
    ]);
    await expectViolation(
      {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        props: { containerDefinitions },
      },
      "environment variable BEDROCK_MODEL of container api",
    );
  });

  it("fails aws-native Lambda and ECS workloads too", async () => {
    await expectViolation(
      {
        type: "aws-native:lambda:Function",
        props: { environment: { variables: { M: "cohere.command-r-v1:0" } } },
      },
      "environment variable M",
    );
    const containerDefinitions = [
      { name: "api", environment: [{ name: "M", value: "mistral.mistral-large-2402-v1:0" }] },
    ];
    await expectViolation(
      { type: "aws-native:ecs:TaskDefinition", props: { containerDefinitions } },
      "environment variable M of container api",
    );
  });

  it("recognises bare ids by the providers configured in modelProviders", async () => {
    await expectViolation(getHappyPathArgs({ MODEL: "acme.model-v1" }), "acme.model-v1", {
      config: { modelProviders: ["acme"] },
    });
  });

  it("does not guess while values are unknown, and skips container definitions that do not parse", async () => {
    await expectNoViolations(getHappyPathArgs({ MODEL: UNKNOWN }));
    await expectNoViolations({ ...getHappyPathArgs(), props: { environment: UNKNOWN } });
    await expectNoViolations(parameter(UNKNOWN));
    await expectNoViolations({
      type: "aws:ecs/taskDefinition:TaskDefinition",
      props: { containerDefinitions: "[{" },
    });
  });

  it("is not applicable to other resource types", async () => {
    await expectNotApplicable({ type: "aws:sqs/queue:Queue", props: { name: "anthropic.claude-v2" } });
  });
});
