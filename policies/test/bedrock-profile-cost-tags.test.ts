import { bedrockProfileCostTags as policy } from "../rules/bedrock-profile-cost-tags";
import { type ResourceSpec, UNKNOWN } from "./helpers/policy-args";
import { resourcePolicyChecks } from "./helpers/policy-checks";
import { claimsChatbotTags } from "./helpers/policy-fixtures";

const { expectNoViolations, expectViolation, expectNotApplicable, itPasses } = resourcePolicyChecks(policy);

const mandatory = claimsChatbotTags;

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

const withTags = (
  tags: Record<string, unknown>,
  extra: Partial<ResourceSpec> = {},
  props: Record<string, unknown> = {},
): ResourceSpec => ({
  ...getHappyPathArgs(),
  props: { ...getHappyPathArgs().props, tags, ...props },
  ...extra,
});

/** The AWS provider's `defaultTags` arrive JSON-encoded, as the engine sends provider properties. */
const providerWithDefaults = (tags: Record<string, string> | string) => ({
  props: { region: "us-east-1", defaultTags: typeof tags === "string" ? tags : JSON.stringify({ tags }) },
});

describe("#bedrock-profile-cost-tags", () => {
  const { tenant, ...defaults } = mandatory;
  itPasses({
    "a profile carrying every mandatory tag": getHappyPathArgs(),
    "an aws-native profile whose tags are a {key, value} list": nativeProfile(mandatory),
    "tags the AWS provider adds through defaultTags": withTags(
      { tenant },
      { provider: providerWithDefaults(defaults) },
    ),
    "aws-native provider defaultTags for an aws-native profile": {
      ...nativeProfile({ tenant }),
      provider: { type: "pulumi:providers:aws-native", ...providerWithDefaults(defaults) },
    },
    "tagsAll, the tags AWS reports after apply": withTags({ tenant }, {}, { tagsAll: mandatory }),
    "the resource's own tag over a blank provider default": withTags(mandatory, {
      provider: providerWithDefaults({ team: "" }),
    }),
  });

  it("fails when a mandatory tag is missing, naming it and the profile", async () => {
    const { "cost-center": _, ...rest } = mandatory;
    await expectViolation(withTags(rest), /"claims-chatbot-dev" lacks tag cost-center/);
  });

  it("fails when several tags are missing, naming each", async () => {
    await expectViolation(
      withTags({ tenant: "claims" }),
      "lacks tags environment, dept, team, app and cost-center",
    );
  });

  it("fails when a tag value is blank", async () => {
    await expectViolation(withTags({ ...mandatory, team: "   " }), "has blank tag team");
  });

  it("fails when the resource's blank tag overrides a provider default", async () => {
    await expectViolation(
      withTags({ ...mandatory, team: "" }, { provider: providerWithDefaults({ team: "claims-ai" }) }),
      "blank tag team",
    );
  });

  it("fails when a key differs only in case, because cost allocation is case-sensitive", async () => {
    const { tenant, ...rest } = mandatory;
    await expectViolation(
      withTags({ ...rest, Tenant: tenant }),
      'has "Tenant" where cost allocation needs exactly "tenant"',
    );
  });

  it("fails an aws-native profile missing a tag", async () => {
    const { dept: _, ...rest } = mandatory;
    await expectViolation(nativeProfile(rest), "lacks tag dept");
  });

  it("fails a profile with no tags at all, and with tags of the wrong type", async () => {
    const spec = getHappyPathArgs();
    delete spec.props.tags;
    await expectViolation(spec, "lacks tags tenant, environment");
    await expectViolation(withTags("tenant=claims" as unknown as Record<string, unknown>), "lacks tags");
  });

  it("fails a value outside allowedValues and passes an allowed one", async () => {
    const config = { allowedValues: { environment: ["dev", "prod"] } };
    await expectViolation(
      withTags({ ...mandatory, environment: "staging" }),
      'has environment="staging", not one of "dev" and "prod"',
      { config },
    );
    await expectNoViolations(getHappyPathArgs(), { config });
  });

  it("checks the keys configured in mandatoryTags instead of the defaults", async () => {
    const config = { mandatoryTags: ["tenant", "owner"] };
    await expectViolation(getHappyPathArgs(), "lacks tag owner", { config });
    await expectNoViolations(withTags({ tenant: "claims", owner: "ml-platform" }), { config });
  });

  it("does not guess while the tags, a tag value or the provider's defaults are unknown (preview)", async () => {
    await expectNoViolations(withTags(UNKNOWN as unknown as Record<string, unknown>));
    await expectNoViolations(withTags({ ...mandatory, tenant: UNKNOWN }));
    await expectNoViolations(
      withTags({ tenant: "claims" }, { provider: { props: { defaultTags: UNKNOWN } } }),
    );
  });

  it("still reports a blank tag while the provider's defaults are unknown", async () => {
    await expectViolation(
      withTags({ tenant: "" }, { provider: { props: { defaultTags: UNKNOWN } } }),
      "blank tag tenant",
    );
  });

  it("ignores provider defaultTags that are not valid JSON", async () => {
    const { tenant } = mandatory;
    await expectViolation(
      withTags({ tenant }, { provider: providerWithDefaults("{not json") }),
      "lacks tags environment",
    );
  });

  it("is not applicable to other resource types", async () => {
    await expectNotApplicable({ type: "aws:s3/bucket:Bucket", props: { tags: {} } });
  });
});
