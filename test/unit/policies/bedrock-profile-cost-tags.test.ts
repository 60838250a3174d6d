import { bedrockProfileCostTags as policy } from "../../../policies/bedrock-profile-cost-tags";
import {
  type ResourceSpec,
  UNKNOWN,
  assertHasResourceViolation,
  assertNoResourceViolations,
  assertNotApplicable,
  resourceArgs,
} from "../../helpers/policy-args";

const mandatory = {
  tenant: "claims",
  environment: "dev",
  dept: "operations",
  team: "claims-ai",
  app: "chatbot",
  "cost-center": "CC-1042",
};

function getHappyPathArgs(): ResourceSpec {
  return {
    type: "aws:bedrock/inferenceProfile:InferenceProfile",
    name: "claims-chatbot-dev",
    props: {
      name: "claims-chatbot-dev",
      modelSource: {
        copyFrom: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
      },
      tags: { ...mandatory, profile: "chatbot", model: "anthropic.claude-3-haiku-20240307-v1:0" },
    },
  };
}

function nativeProfile(tags: Record<string, string>): ResourceSpec {
  return {
    type: "aws-native:bedrock:ApplicationInferenceProfile",
    name: "claims-chatbot-dev",
    props: {
      inferenceProfileName: "claims-chatbot-dev",
      modelSource: {
        copyFrom: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
      },
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    },
  };
}

const withTags = (tags: Record<string, unknown>, extra: Partial<ResourceSpec> = {}): ResourceSpec => ({
  ...getHappyPathArgs(),
  props: { ...getHappyPathArgs().props, tags },
  ...extra,
});

/** The AWS provider's `defaultTags` arrive JSON-encoded, as the engine sends provider properties. */
const providerWithDefaults = (tags: Record<string, string> | string) => ({
  props: { region: "us-east-1", defaultTags: typeof tags === "string" ? tags : JSON.stringify({ tags }) },
});

describe("#bedrock-profile-cost-tags", () => {
  it("passes a profile carrying every mandatory tag", async () => {
    await assertNoResourceViolations(policy, resourceArgs(policy, getHappyPathArgs()));
  });

  it("passes an aws-native profile whose tags are a {key, value} list", async () => {
    await assertNoResourceViolations(policy, resourceArgs(policy, nativeProfile(mandatory)));
  });

  it("counts tags the AWS provider adds through defaultTags", async () => {
    const { tenant, ...defaults } = mandatory;
    await assertNoResourceViolations(
      policy,
      resourceArgs(policy, withTags({ tenant }, { provider: providerWithDefaults(defaults) })),
    );
  });

  it("counts aws-native provider defaultTags for an aws-native profile", async () => {
    const { tenant, ...defaults } = mandatory;
    const spec = {
      ...nativeProfile({ tenant }),
      provider: { type: "pulumi:providers:aws-native", ...providerWithDefaults(defaults) },
    };
    await assertNoResourceViolations(policy, resourceArgs(policy, spec));
  });

  it("counts tagsAll, the tags AWS reports after apply", async () => {
    const spec = withTags({ tenant: "claims" });
    spec.props.tagsAll = mandatory;
    await assertNoResourceViolations(policy, resourceArgs(policy, spec));
  });

  it("lets the resource's own tag win over a blank provider default", async () => {
    await assertNoResourceViolations(
      policy,
      resourceArgs(policy, withTags(mandatory, { provider: providerWithDefaults({ team: "" }) })),
    );
  });

  it("fails when a mandatory tag is missing, naming it and the profile", async () => {
    const { "cost-center": _, ...rest } = mandatory;
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, withTags(rest)),
      /"claims-chatbot-dev" lacks tag cost-center/,
    );
  });

  it("fails when several tags are missing, naming each", async () => {
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, withTags({ tenant: "claims" })),
      "lacks tags environment, dept, team, app and cost-center",
    );
  });

  it("fails when a tag value is blank", async () => {
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, withTags({ ...mandatory, team: "   " })),
      "has blank tag team",
    );
  });

  it("fails when the resource's blank tag overrides a provider default", async () => {
    await assertHasResourceViolation(
      policy,
      resourceArgs(
        policy,
        withTags({ ...mandatory, team: "" }, { provider: providerWithDefaults({ team: "claims-ai" }) }),
      ),
      "blank tag team",
    );
  });

  it("fails when a key differs only in case, because cost allocation is case-sensitive", async () => {
    const { tenant, ...rest } = mandatory;
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, withTags({ ...rest, Tenant: tenant })),
      'has "Tenant" where cost allocation needs exactly "tenant"',
    );
  });

  it("fails an aws-native profile missing a tag", async () => {
    const { dept: _, ...rest } = mandatory;
    await assertHasResourceViolation(policy, resourceArgs(policy, nativeProfile(rest)), "lacks tag dept");
  });

  it("fails a profile with no tags at all, and with tags of the wrong type", async () => {
    const spec = getHappyPathArgs();
    delete spec.props.tags;
    await assertHasResourceViolation(policy, resourceArgs(policy, spec), "lacks tags tenant, environment");
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, withTags("tenant=claims" as unknown as Record<string, unknown>)),
      "lacks tags",
    );
  });

  it("fails a value outside allowedValues and passes an allowed one", async () => {
    const config = { allowedValues: { environment: ["dev", "prod"] } };
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, withTags({ ...mandatory, environment: "staging" }), { config }),
      'has environment="staging", not one of "dev" and "prod"',
    );
    await assertNoResourceViolations(policy, resourceArgs(policy, getHappyPathArgs(), { config }));
  });

  it("checks the keys configured in mandatoryTags instead of the defaults", async () => {
    const config = { mandatoryTags: ["tenant", "owner"] };
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, getHappyPathArgs(), { config }),
      "lacks tag owner",
    );
    await assertNoResourceViolations(
      policy,
      resourceArgs(policy, withTags({ tenant: "claims", owner: "ml-platform" }), { config }),
    );
  });

  it("does not guess while the tags, a tag value or the provider's defaults are unknown (preview)", async () => {
    await assertNoResourceViolations(
      policy,
      resourceArgs(policy, withTags(UNKNOWN as unknown as Record<string, unknown>)),
    );
    await assertNoResourceViolations(
      policy,
      resourceArgs(policy, withTags({ ...mandatory, tenant: UNKNOWN })),
    );
    await assertNoResourceViolations(
      policy,
      resourceArgs(policy, withTags({ tenant: "claims" }, { provider: { props: { defaultTags: UNKNOWN } } })),
    );
  });

  it("still reports a blank tag while the provider's defaults are unknown", async () => {
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, withTags({ tenant: "" }, { provider: { props: { defaultTags: UNKNOWN } } })),
      "blank tag tenant",
    );
  });

  it("ignores provider defaultTags that are not valid JSON", async () => {
    const { tenant } = mandatory;
    await assertHasResourceViolation(
      policy,
      resourceArgs(policy, withTags({ tenant }, { provider: providerWithDefaults("{not json") })),
      "lacks tags environment",
    );
  });

  it("is not applicable to other resource types", async () => {
    await assertNotApplicable(
      policy,
      resourceArgs(policy, { type: "aws:s3/bucket:Bucket", props: { tags: {} } }),
    );
  });
});
