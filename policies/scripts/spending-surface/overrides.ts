/**
 * The reviewed decisions no pattern can make, each with its reason. Keep it small: a rule in
 * actions.ts or properties.ts is better when one fits. "Not settled" means no source the
 * repository holds decides it; the class chosen is then the one that is safe either way.
 */
import type { PropertyJudgement, SpendClass } from "../../lib/spending-surface";

const namedInRequest =
  "runs inference on a model named in the request body; IAM takes no model resource for it, so no identity policy or SCP can scope it to a profile (listed, not judged)";

export const actionOverrides: Record<string, { spend: SpendClass; why: string }> = {
  "bedrock:AgenticRetrieveStream": { spend: "invokes-model", why: namedInRequest },
  "bedrock:RetrieveAndGenerate": { spend: "invokes-model", why: namedInRequest },
  "bedrock:InvokeInlineAgent": { spend: "invokes-model", why: namedInRequest },
  "bedrock:Rerank": { spend: "invokes-model", why: namedInRequest },
  "bedrock:OptimizePrompt": { spend: "invokes-model", why: namedInRequest },
  "bedrock:GenerateQuery": {
    spend: "invokes-model",
    why: "turns text into a query with a model Bedrock chooses; IAM names no model (listed, not judged)",
  },
  "bedrock:InvokeBuilder": {
    spend: "invokes-model",
    why: "not settled which model it runs or how it bills; counted as spending so it is listed, never silently allowed",
  },
  "bedrock:Retrieve": {
    spend: "invokes-model",
    why: "embeds the query with the knowledge base's embedding model, named on the knowledge base (its embeddingModelArn is judged there)",
  },
  "bedrock:StartIngestionJob": {
    spend: "invokes-model",
    why: "embeds documents with the knowledge base's embedding model, named on the knowledge base (judged there)",
  },
  "bedrock:InvokeAgent": {
    spend: "invokes-model",
    why: "runs the agent's models, named on the agent (foundationModel and prompt overrides, judged there)",
  },
  "bedrock:InvokeFlow": {
    spend: "invokes-model",
    why: "runs the models named in the flow's nodes (judged on the flow)",
  },
  "bedrock:StartFlowExecution": {
    spend: "invokes-model",
    why: "runs the models named in the flow's nodes (judged on the flow)",
  },
  "bedrock:CreatePromptRouter": {
    spend: "invokes-model",
    why: "creates a router whose calls run the models it names (botocore bedrock PromptRouterTargetModelArn accepts foundation models and system profiles): a path around application profiles",
  },
  "bedrock:CreateCustomModelDeployment": {
    spend: "reserves-capacity",
    why: "serves a custom model; not settled whether it bills by time, so it is treated as capacity and must carry the cost tags",
  },
  "bedrock:UpdateCustomModelDeployment": {
    spend: "reserves-capacity",
    why: "changes what a custom model deployment serves; treated as capacity like its creation",
  },
  "bedrock:CreateInferenceProfile": {
    spend: "no-model-spend",
    why: "creates the application profile itself; its tags are the tag SCP's and bedrock-profile-cost-tags' rule",
  },
  "bedrock:CountTokens": {
    spend: "no-model-spend",
    why: "counts tokens and returns no model output, so it cannot carry a workload around the profiles (whether it bills is not settled)",
  },
  "bedrock-mantle:CountTokens": {
    spend: "no-model-spend",
    why: "counts tokens and returns no model output, so it cannot carry a workload around the profiles (whether it bills is not settled)",
  },
  "bedrock:DetectGeneratedContent": {
    spend: "no-model-spend",
    why: "checks content for a model's watermark and returns no model output",
  },
  "bedrock:InvokeTool": {
    spend: "no-model-spend",
    why: "runs a Bedrock system tool (the system-tool resource), not a model",
  },
  "bedrock:PutResourcePolicy": {
    spend: "no-model-spend",
    why: "sets a resource policy; the grants in it are judged where they are written",
  },
  "bedrock-mantle:AssociateCustomizedModel": {
    spend: "no-model-spend",
    why: "makes a customized model usable in a project; using it is bedrock-mantle:CreateInference",
  },
};

const notSettledUnderRole =
  "not settled whether AWS accepts an application profile here, and refusing a raw model would block every such resource; the calls are bedrock:InvokeModel of the resource's service role, which bedrock-invoke-through-profiles and the org stack's SCP keep on application profiles";
const evaluatorOnlyModels =
  "AWS takes only a foundation model or a system profile for an evaluation's judge (botocore bedrock EvaluatorModelIdentifier); its tokens bill to the job, which carries the cost tags";

/** `<type token> <property path>` → judgement. */
export const propertyOverrides: Record<string, { judged: PropertyJudgement; why: string }> = {
  "aws:bedrock/evaluationJob:EvaluationJob evaluationConfig.automated.evaluatorModelConfig.bedrockEvaluatorModel.modelIdentifier":
    { judged: "not-judged", why: evaluatorOnlyModels },
  "aws:bedrock/evaluationJob:EvaluationJob evaluationConfig.automated.customMetricConfig.evaluatorModelConfig.bedrockEvaluatorModel.modelIdentifier":
    { judged: "not-judged", why: evaluatorOnlyModels },
  "aws:bedrockfoundation/modelAgreement:ModelAgreement modelId": {
    judged: "not-judged",
    why: "accepts a model's offer terms; spends nothing by itself",
  },
  "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase knowledgeBaseConfiguration.managedKnowledgeBaseConfiguration.embeddingModelArn":
    { judged: "not-judged", why: notSettledUnderRole },
  "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase knowledgeBaseConfiguration.vectorKnowledgeBaseConfiguration.embeddingModelArn":
    { judged: "not-judged", why: notSettledUnderRole },
  "aws-native:bedrock:KnowledgeBase knowledgeBaseConfiguration.managedKnowledgeBaseConfiguration.embeddingModelArn":
    { judged: "not-judged", why: notSettledUnderRole },
  "aws-native:bedrock:KnowledgeBase knowledgeBaseConfiguration.vectorKnowledgeBaseConfiguration.embeddingModelArn":
    { judged: "not-judged", why: notSettledUnderRole },
  "aws:bedrock/agentDataSource:AgentDataSource vectorIngestionConfiguration.parsingConfiguration.bedrockFoundationModelConfiguration.modelArn":
    { judged: "not-judged", why: notSettledUnderRole },
  "aws-native:bedrock:DataSource vectorIngestionConfiguration.parsingConfiguration.bedrockFoundationModelConfiguration.modelArn":
    { judged: "not-judged", why: notSettledUnderRole },
  "aws-native:bedrock:DataSource vectorIngestionConfiguration.contextEnrichmentConfiguration.bedrockFoundationModelConfiguration.modelArn":
    { judged: "not-judged", why: notSettledUnderRole },
  "aws-native:wisdom:AiPrompt modelId": {
    judged: "not-judged",
    why: "Amazon Q in Connect calls Bedrock with its own role; not settled whether it accepts an application profile here, so it is listed, not refused",
  },
};
