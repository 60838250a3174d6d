/** Bedrock surfaces that name a model, or spend, directly. */
import { bedrockProvisionedThroughputCostTags } from "../rules/bedrock-provisioned-throughput-cost-tags";
import { bedrockResourcesUseProfiles } from "../rules/bedrock-resources-use-profiles";
import { workloadsReferenceProfiles } from "../rules/workloads-reference-profiles";
import { UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { claimsChatbotTags, profileArn } from "./helpers/policy-fixtures";

const modelId = "anthropic.claude-3-haiku-20240307-v1:0";
const modelArn = `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`;
const systemProfileId = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";

describe("#bedrock-resources-use-profiles", () => {
  const { expectNoViolations, expectViolation } = resourcePolicyChecks(bedrockResourcesUseProfiles);

  /** A surface fails on a model ARN (classic type) and a system profile id (native type), passes on a profile ARN. */
  async function expectProfilesOnly(
    [classic, native]: [string, string],
    props: (id: string) => Record<string, unknown>,
    where: string,
  ): Promise<void> {
    await expectViolation({ type: classic, props: props(modelArn) }, where);
    await expectViolation({ type: native, props: props(systemProfileId) }, "a system-defined profile");
    await expectNoViolations({ type: native, props: props(profileArn) });
    await expectNoViolations({ type: native, props: props(UNKNOWN) });
  }

  it("fails agents whose foundationModel is a model or a system profile, classic and native", async () => {
    await expectProfilesOnly(
      ["aws:bedrock/agentAgent:AgentAgent", "aws-native:bedrock:Agent"],
      (id) => ({ agentName: "a", foundationModel: id }),
      "foundationModel",
    );
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
    await expectProfilesOnly(
      ["aws:bedrock/agentPrompt:AgentPrompt", "aws-native:bedrock:Prompt"],
      (id) => ({ name: "p", variants: variants(id) }),
      "variants[0].modelId",
    );
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
    await expectProfilesOnly(
      ["aws:bedrock/agentFlow:AgentFlow", "aws-native:bedrock:Flow"],
      (id) => ({ name: "f", definition: definition(id) }),
      "definition.nodes[0].configuration.prompt.sourceConfiguration.inline.modelId",
    );
  });

  it("fails batch inference jobs (aws:bedrockmodel InvocationJob) naming a model or a system profile, passes one on a profile", async () => {
    const job = (id: unknown) => ({
      type: "aws:bedrockmodel/invocationJob:InvocationJob",
      props: { jobName: "nightly", roleArn: "r", modelId: id, inputDataConfig: {}, outputDataConfig: {} },
    });
    await expectViolation(job(systemProfileId), "modelId");
    await expectViolation(job(modelArn), "a foundation model");
    await expectNoViolations(job(profileArn));
  });

  it("fails evaluation jobs whose evaluated model is raw, and leaves the judge (AWS takes only a model there) alone", async () => {
    const job = (id: string) => ({
      type: "aws:bedrock/evaluationJob:EvaluationJob",
      props: {
        name: "eval",
        roleArn: "r",
        inferenceConfig: { models: [{ bedrockModel: { modelIdentifier: id, inferenceParams: "{}" } }] },
        evaluationConfig: {
          automated: { evaluatorModelConfig: { bedrockEvaluatorModel: [{ modelIdentifier: modelId }] } },
        },
      },
    });
    await expectViolation(job(modelId), "inferenceConfig.models[0].bedrockModel.modelIdentifier");
    await expectNoViolations(job(profileArn));
  });

  it("fails a native agent whose prompt overrides name a raw model, passes one whose overrides use profiles", async () => {
    const agent = (override: string) => ({
      type: "aws-native:bedrock:Agent",
      props: {
        agentName: "a",
        foundationModel: profileArn,
        promptOverrideConfiguration: {
          promptConfigurations: [
            { promptType: "ORCHESTRATION", foundationModel: profileArn },
            { promptType: "KNOWLEDGE_BASE_RESPONSE_GENERATION", foundationModel: override },
          ],
        },
      },
    });
    await expectViolation(
      agent(modelId),
      "promptOverrideConfiguration.promptConfigurations[1].foundationModel",
    );
    await expectNoViolations(agent(profileArn));
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
    await expectProfilesOnly(
      ["aws:sfn/stateMachine:StateMachine", "aws-native:stepfunctions:StateMachine"],
      (id) => ({ definition: machine(id), definitionString: machine(id), roleArn: "r" }),
      'state "Summarize"',
    );
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

  it("fails custom models and evaluation jobs without the mandatory tags: each bills by itself", async () => {
    const customModel = (tags?: Record<string, string>) => ({
      type: "aws:bedrock/customModel:CustomModel",
      props: { customModelName: "m", jobName: "j", baseModelIdentifier: modelArn, roleArn: "r", tags },
    });
    await expectViolation(customModel(), "Custom model");
    await expectNoViolations(customModel(claimsChatbotTags));
    await expectViolation(
      { type: "aws:bedrock/evaluationJob:EvaluationJob", props: { name: "e", roleArn: "r" } },
      "Evaluation job",
    );
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
