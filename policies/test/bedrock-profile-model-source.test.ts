import { bedrockProfileModelSource as policy } from "../rules/bedrock-profile-model-source";
import { type ResourceSpec, UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { modelArn, profileArn, systemProfileArn } from "./helpers/policy-fixtures";

const { expectNoViolations, expectViolation, expectNotApplicable, itPasses } = resourcePolicyChecks(policy);

function getHappyPathArgs(copyFrom: unknown = modelArn): ResourceSpec {
  return {
    type: "aws:bedrock/inferenceProfile:InferenceProfile",
    name: "claims-chatbot-dev",
    props: { name: "claims-chatbot-dev", modelSource: { copyFrom }, tags: { tenant: "claims" } },
  };
}

describe("#bedrock-profile-model-source", () => {
  itPasses({
    "a profile copying from a foundation-model ARN": getHappyPathArgs(),
    "a profile copying from a system-defined (cross-Region) profile ARN": getHappyPathArgs(systemProfileArn),
    "ARNs of the aws-cn and aws-us-gov partitions": [
      getHappyPathArgs("arn:aws-cn:bedrock:cn-north-1::foundation-model/amazon.nova-lite-v1:0"),
      getHappyPathArgs(
        "arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:inference-profile/us-gov.anthropic.claude-3-haiku-20240307-v1:0",
      ),
    ],
    "an aws-native profile": {
      type: "aws-native:bedrock:ApplicationInferenceProfile",
      props: { inferenceProfileName: "p", modelSource: { copyFrom: systemProfileArn } },
    },
  });

  it("fails a bare model id", async () => {
    await expectViolation(
      getHappyPathArgs("anthropic.claude-3-haiku-20240307-v1:0"),
      /"claims-chatbot-dev" copies from "anthropic.claude-3-haiku-20240307-v1:0", a bare model id/,
    );
  });

  it("fails a copy of another application inference profile", async () => {
    await expectViolation(getHappyPathArgs(profileArn), "another application inference profile");
  });

  it("fails an ARN that is not a Bedrock model, and a partition that does not exist", async () => {
    await expectViolation(getHappyPathArgs("arn:aws:s3:::models/claude"), "not a Bedrock model ARN");
    await expectViolation(
      getHappyPathArgs(
        "arn:aws-moon:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
      ),
      "not a Bedrock model ARN",
    );
  });

  it("fails a foundation-model ARN that carries an account, which AWS never writes", async () => {
    await expectViolation(
      getHappyPathArgs(
        "arn:aws:bedrock:us-east-1:111122223333:foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
      ),
      "not a Bedrock model ARN",
    );
  });

  it("fails a profile without modelSource, or with a copyFrom that is not a string", async () => {
    const spec = getHappyPathArgs();
    delete spec.props.modelSource;
    await expectViolation(spec, "has no modelSource.copyFrom");
    await expectViolation(getHappyPathArgs(42), "has no modelSource.copyFrom");
  });

  it("fails a model outside allowedModels, and passes one matching a wildcard there", async () => {
    await expectViolation(
      getHappyPathArgs(),
      'model "anthropic.claude-3-haiku-20240307-v1:0", which is not allowed',
      { config: { allowedModels: ["amazon.nova-*"] } },
    );
    await expectNoViolations(getHappyPathArgs(), { config: { allowedModels: ["anthropic.*"] } });
  });

  it("checks allowedModels against the model of a system-defined profile, without its geography prefix", async () => {
    await expectNoViolations(getHappyPathArgs(systemProfileArn), {
      config: { allowedModels: ["anthropic.claude-3-5-sonnet-20240620-v1:0"] },
    });
  });

  it("does not guess while copyFrom or modelSource is unknown (preview)", async () => {
    await expectNoViolations(getHappyPathArgs(UNKNOWN));
    await expectNoViolations({ ...getHappyPathArgs(), props: { modelSource: UNKNOWN } });
  });

  it("is not applicable to other resource types", async () => {
    await expectNotApplicable({ type: "aws:bedrock/customModel:CustomModel", props: {} });
  });
});
