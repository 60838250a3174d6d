import { prodProfilesProtected as policy } from "../rules/prod-profiles-protected";
import { type ResourceSpec, UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";

const { expectNoViolations, expectViolation, expectNotApplicable } = resourcePolicyChecks(policy);

function getHappyPathArgs(environment: unknown = "prod", protect = true): ResourceSpec {
  return {
    type: "aws:bedrock/inferenceProfile:InferenceProfile",
    name: "claims-chatbot-prod",
    protect,
    props: { name: "claims-chatbot-prod", tags: { tenant: "claims", environment } },
  };
}

describe("#prod-profiles-protected", () => {
  it("passes a protected prod profile", async () => {
    await expectNoViolations(getHappyPathArgs());
  });

  it("passes an unprotected dev profile", async () => {
    await expectNoViolations(getHappyPathArgs("dev", false));
  });

  it("fails an unprotected prod profile, saying how to protect it", async () => {
    await expectViolation(
      getHappyPathArgs("prod", false),
      'Inference profile "claims-chatbot-prod" is in environment "prod" but not protected: set protect: true',
    );
  });

  it("compares the environment case-insensitively", async () => {
    await expectViolation(getHappyPathArgs("Prod", false), 'environment "Prod"');
  });

  it("normalises environment values before comparing: blanks around, full-width forms, configured names too", async () => {
    await expectViolation(getHappyPathArgs(" prod ", false), "but not protected");
    await expectViolation(getHappyPathArgs("\tPROD", false), "but not protected");
    await expectViolation(getHappyPathArgs("ｐｒｏｄ", false), "but not protected");
    await expectViolation(getHappyPathArgs("staging", false), "but not protected", {
      config: { protectedEnvironments: [" Staging "] },
    });
  });

  it("reads the environment from the provider's defaultTags and from aws-native tag lists", async () => {
    const fromProvider: ResourceSpec = {
      ...getHappyPathArgs("x", false),
      props: { tags: {} },
      provider: { props: { defaultTags: JSON.stringify({ tags: { environment: "prod" } }) } },
    };
    await expectViolation(fromProvider, "not protected");
    const native: ResourceSpec = {
      type: "aws-native:bedrock:ApplicationInferenceProfile",
      name: "n",
      protect: false,
      props: { tags: [{ key: "environment", value: "prod" }] },
    };
    await expectViolation(native, "not protected");
  });

  it("reads protectedEnvironments and environmentTagKey from config", async () => {
    await expectViolation(getHappyPathArgs("staging", false), "staging", {
      config: { protectedEnvironments: ["prod", "staging"] },
    });
    const stage: ResourceSpec = { ...getHappyPathArgs(undefined, false), props: { tags: { stage: "prod" } } };
    await expectViolation(stage, "not protected", { config: { environmentTagKey: "stage" } });
  });

  it("does not guess while the environment tag is unknown", async () => {
    await expectNoViolations(getHappyPathArgs(UNKNOWN, false));
    await expectNoViolations({ ...getHappyPathArgs(undefined, false), props: { tags: UNKNOWN } });
  });

  it("is not applicable to other resource types", async () => {
    await expectNotApplicable({
      type: "aws:budgets/budget:Budget",
      props: { tags: { environment: "prod" } },
    });
  });
});
