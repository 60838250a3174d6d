/** Issue 12 §2: Bedrock surfaces that name a model, or spend, directly. */
import { bedrockProvisionedThroughputCostTags } from "../bedrock-provisioned-throughput-cost-tags";
import { bedrockResourcesUseProfiles } from "../bedrock-resources-use-profiles";
import { workloadsReferenceProfiles } from "../workloads-reference-profiles";
import { UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { claimsChatbotTags } from "./helpers/policy-fixtures";

const modelId = "anthropic.claude-3-haiku-20240307-v1:0";
const modelArn = `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`;
const systemProfileId = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";
const profileArn = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdef123456";

describe("#bedrock-resources-use-profiles", () => {
  const { expectNoViolations, expectViolation } = resourcePolicyChecks(bedrockResourcesUseProfiles);

  it("fails agents whose foundationModel is a model or a system profile, classic and native", async () => {
    await expectViolation(
      { type: "aws:bedrock/agentAgent:AgentAgent", props: { agentName: "a", foundationModel: modelId } },
      "foundationModel",
    );
    await expectViolation(
      { type: "aws-native:bedrock:Agent", props: { agentName: "a", foundationModel: systemProfileId } },
      "a system-defined profile",
    );
    await expectNoViolations({
      type: "aws-native:bedrock:Agent",
      props: { agentName: "a", foundationModel: profileArn },
    });
    await expectNoViolations({
      type: "aws-native:bedrock:Agent",
      props: { agentName: "a", foundationModel: UNKNOWN },
    });
  });

  it("fails prompts whose variants name a model", async () => {
    const variants = (id: string) => [
      {
        name: "v1",
        modelId: id,
        templateType: "TEXT",
        templateConfiguration: { text: { text: "Summarise with anthropic.claude-3-haiku-20240307-v1:0" } },
      },
    ];
    await expectViolation(
      { type: "aws:bedrock/agentPrompt:AgentPrompt", props: { name: "p", variants: variants(modelArn) } },
      "variants[0].modelId",
    );
    await expectViolation({
      type: "aws-native:bedrock:Prompt",
      props: { name: "p", variants: variants(modelId) },
    });
    await expectNoViolations({
      type: "aws-native:bedrock:Prompt",
      props: { name: "p", variants: variants(profileArn) },
    });
  });

  it("fails flows whose nodes name a model, however deep", async () => {
    const definition = (id: string) => ({
      nodes: [
        {
          name: "Ask",
          type: "Prompt",
          configuration: {
            prompt: { sourceConfiguration: { inline: { modelId: id, templateType: "TEXT" } } },
          },
        },
      ],
    });
    await expectViolation(
      { type: "aws-native:bedrock:Flow", props: { name: "f", definition: definition(modelId) } },
      "definition.nodes[0].configuration.prompt.sourceConfiguration.inline.modelId",
    );
    await expectViolation({
      type: "aws:bedrock/agentFlow:AgentFlow",
      props: { name: "f", definition: definition(systemProfileId) },
    });
    await expectNoViolations({
      type: "aws-native:bedrock:Flow",
      props: { name: "f", definition: definition(profileArn) },
    });
  });

  it("fails Step Functions bedrock:invokeModel tasks with a raw ModelId, nested in Parallel branches too", async () => {
    const machine = (id: string) =>
      JSON.stringify({
        StartAt: "Fan",
        States: {
          Fan: {
            Type: "Parallel",
            End: true,
            Branches: [
              {
                StartAt: "Summarize",
                States: {
                  Summarize: {
                    Type: "Task",
                    Resource: "arn:aws:states:::bedrock:invokeModel",
                    Parameters: { ModelId: id, Body: {} },
                    End: true,
                  },
                },
              },
            ],
          },
        },
      });
    await expectViolation(
      { type: "aws:sfn/stateMachine:StateMachine", props: { definition: machine(modelArn), roleArn: "r" } },
      'state "Summarize"',
    );
    await expectViolation({
      type: "aws-native:stepfunctions:StateMachine",
      props: { definitionString: machine(modelId), roleArn: "r" },
    });
    await expectNoViolations({
      type: "aws:sfn/stateMachine:StateMachine",
      props: { definition: machine(profileArn), roleArn: "r" },
    });
  });
});

describe("#bedrock-provisioned-throughput-cost-tags", () => {
  const { expectNoViolations, expectViolation } = resourcePolicyChecks(bedrockProvisionedThroughputCostTags);
  const throughput = (tags: Record<string, string>) => ({
    type: "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
    props: { provisionedModelName: "claims", modelArn, modelUnits: 1, tags },
  });

  it("fails provisioned throughput without the mandatory tags: it spends by itself", async () => {
    await expectViolation(
      throughput({ tenant: "claims" }),
      "lacks cost tags environment, dept, team, app and cost-center",
    );
    await expectNoViolations(throughput(claimsChatbotTags));
  });
});

describe("#workloads-reference-profiles with JSON settings", () => {
  const { expectNoViolations, expectViolation } = resourcePolicyChecks(workloadsReferenceProfiles);

  it("fails Lambda and ECS environment values holding JSON that contains a model id", async () => {
    await expectViolation(
      {
        type: "aws:lambda/function:Function",
        props: {
          environment: { variables: { LLM_CONFIG: JSON.stringify({ primary: { model: modelId } }) } },
        },
      },
      "LLM_CONFIG",
    );
    const containers = JSON.stringify([
      {
        name: "app",
        environment: [{ name: "MODELS", value: JSON.stringify([profileArn, systemProfileId]) }],
      },
    ]);
    await expectViolation(
      {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        props: { family: "f", containerDefinitions: containers },
      },
      "a system-defined profile",
    );
    await expectNoViolations({
      type: "aws:lambda/function:Function",
      props: { environment: { variables: { LLM_CONFIG: JSON.stringify({ model: profileArn }) } } },
    });
  });
});
