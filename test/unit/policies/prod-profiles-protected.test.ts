import { prodProfilesProtected as policy } from "../../../policies/prod-profiles-protected";
import {
  type ResourceSpec,
  UNKNOWN,
  assertHasResourceViolation,
  assertNoResourceViolations,
  assertNotApplicable,
  resourceArgs,
} from "../../helpers/policy-args";

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
    await assertNoResourceViolations(policy, resourceArgs(policy, getHappyPathArgs()));
  });

  it("passes an unprotected dev profile", async () => {
    await assertNoResourceViolations(policy, resourceArgs(policy, getHappyPathArgs("dev", false)));
  });

  it("fails an unprotected prod profile, saying how to protect it", async () => {
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, getHappyPathArgs("prod", false)),
      'Inference profile "claims-chatbot-prod" is in environment "prod" but not protected: set protect: true',
    );
  });

  it("compares the environment case-insensitively", async () => {
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, getHappyPathArgs("Prod", false)),
      'environment "Prod"',
    );
  });

  it("reads the environment from the provider's defaultTags and from aws-native tag lists", async () => {
    const fromProvider: ResourceSpec = {
      ...getHappyPathArgs("x", false),
      props: { tags: {} },
      provider: { props: { defaultTags: JSON.stringify({ tags: { environment: "prod" } }) } },
    };
    await assertHasResourceViolation(policy, resourceArgs(policy, fromProvider), "not protected");
    const native: ResourceSpec = {
      type: "aws-native:bedrock:ApplicationInferenceProfile",
      name: "n",
      protect: false,
      props: { tags: [{ key: "environment", value: "prod" }] },
    };
    await assertHasResourceViolation(policy, resourceArgs(policy, native), "not protected");
  });

  it("reads protectedEnvironments and environmentTagKey from config", async () => {
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, getHappyPathArgs("staging", false), {
        config: { protectedEnvironments: ["prod", "staging"] },
      }),
      "staging",
    );
    const stage: ResourceSpec = { ...getHappyPathArgs(undefined, false), props: { tags: { stage: "prod" } } };
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, stage, { config: { environmentTagKey: "stage" } }),
      "not protected",
    );
  });

  it("does not guess while the environment tag is unknown", async () => {
    await assertNoResourceViolations(policy, resourceArgs(policy, getHappyPathArgs(UNKNOWN, false)));
    await assertNoResourceViolations(
      policy,
      resourceArgs(policy, { ...getHappyPathArgs(undefined, false), props: { tags: UNKNOWN } }),
    );
  });

  it("is not applicable to other resource types", async () => {
    await assertNotApplicable(
      policy,
      resourceArgs(policy, { type: "aws:budgets/budget:Budget", props: { tags: { environment: "prod" } } }),
    );
  });
});
