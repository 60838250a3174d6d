import { profileUsageAlarm as policy } from "../rules/profile-usage-alarm";
import { type ResourceSpec, UNKNOWN, urnOf } from "./helpers/policy-args";
import { stackPolicyChecks } from "./helpers/policy-checks";

const { expectNoViolations, expectViolation } = stackPolicyChecks(policy);

const profileId = "abcdef123456";
const profileArn = `arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/${profileId}`;
const topicArn = "arn:aws:sns:us-east-1:111122223333:claims-bedrock-alerts-dev";

/** A profile as AnalyzeStack sees it after apply: inputs plus outputs (`arn`). */
const profile = (arn: unknown = profileArn, name = "claims-chatbot-dev"): ResourceSpec => ({
  type: "aws:bedrock/inferenceProfile:InferenceProfile",
  name,
  props: { name, arn, tags: { tenant: "claims" } },
});

const alarm = (
  overrides: Record<string, unknown> = {},
  name = "claims-chatbot-invocations",
): ResourceSpec => ({
  type: "aws:cloudwatch/metricAlarm:MetricAlarm",
  name,
  props: {
    namespace: "AWS/Bedrock",
    metricName: "Invocations",
    dimensions: { ModelId: profileId },
    statistic: "Sum",
    period: 60,
    alarmActions: [topicArn],
    ...overrides,
  },
});

/** The program's metric-math alarm: token counts of the profile, priced in an expression. */
const metricMathAlarm = (modelId: unknown = profileId): ResourceSpec =>
  alarm(
    {
      namespace: undefined,
      metricName: undefined,
      dimensions: undefined,
      metricQueries: [
        {
          id: "input",
          metric: {
            namespace: "AWS/Bedrock",
            metricName: "InputTokenCount",
            dimensions: { ModelId: modelId },
            period: 3600,
            stat: "Sum",
          },
        },
        { id: "usdPerDay", expression: "FILL(input, 0) * 0.25 / 1000000 * 24", returnData: true },
      ],
    },
    "claims-chatbot-estimated-spend",
  );

function getHappyPathArgs(): ResourceSpec[] {
  return [profile(), alarm(), metricMathAlarm()];
}

describe("#profile-usage-alarm", () => {
  it("passes a profile watched by an Invocations alarm on its id with an SNS action", async () => {
    await expectNoViolations(getHappyPathArgs());
  });

  it("passes a profile watched only by the metric-math alarm", async () => {
    await expectNoViolations([profile(), metricMathAlarm()]);
  });

  it("passes an alarm whose ModelId is the profile ARN under alarmDimension: profileArn, and only then", async () => {
    await expectNoViolations([profile(), alarm({ dimensions: { ModelId: profileArn } })], {
      config: { alarmDimension: "profileArn" },
    });
    await expectViolation(
      [profile(), alarm({ dimensions: { ModelId: profileArn } })],
      "has no CloudWatch alarm",
    );
    await expectViolation([profile(), alarm()], "has no CloudWatch alarm", undefined, {
      config: { alarmDimension: "profileArn" },
    });
  });

  describe("looks at what the alarm watches, not what it depends on", () => {
    const modelArn = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";

    it("fails an alarm whose ModelId is built from the profile's model ARN, though it depends on the profile", async () => {
      const dependent: ResourceSpec = {
        ...alarm({ dimensions: { ModelId: modelArn }, alarmDescription: `Invocations of ${profileArn}` }),
        propertyDependencies: { dimensions: [urnOf(profile())], alarmDescription: [urnOf(profile())] },
      };
      await expectViolation([profile(), dependent], "has no CloudWatch alarm");
    });

    it("fails an alarm on a metric AWS/Bedrock does not publish", async () => {
      await expectViolation([profile(), alarm({ metricName: "Invocationz" })], "has no CloudWatch alarm");
    });

    it("fails an alarm in another Region than the profile", async () => {
      await expectViolation([profile(), alarm({ region: "eu-west-1" })], "in its Region");
      await expectNoViolations([profile(), alarm({ region: "us-east-1" })]);
    });

    it("fails an alarm that fires on low usage (LessThanThreshold), whatever its threshold", async () => {
      await expectViolation([profile(), alarm({ comparisonOperator: "LessThanThreshold", threshold: 1000 })]);
      await expectNoViolations([
        profile(),
        alarm({ comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1000 }),
      ]);
    });

    it("fails an alarm in a unit the metric is not published in, and passes the published unit or none", async () => {
      await expectViolation([profile(), alarm({ unit: "Seconds" })], "has no CloudWatch alarm");
      await expectNoViolations([profile(), alarm({ unit: "Count" })]);
      await expectNoViolations([profile(), alarm({ metricName: "InvocationLatency", unit: "Milliseconds" })]);
    });

    it("fails an alarm with a dimension Bedrock does not publish beside ModelId", async () => {
      await expectViolation(
        [profile(), alarm({ dimensions: { ModelId: profileId, Tenant: "claims" } })],
        "has no CloudWatch alarm",
      );
    });

    it("fails a Metrics Insights query that excludes the profile, passes one that selects it", async () => {
      const insights = (where: string) =>
        alarm({
          namespace: undefined,
          metricName: undefined,
          dimensions: undefined,
          metricQueries: [
            {
              id: "q",
              expression: `SELECT SUM(InputTokenCount) FROM SCHEMA("AWS/Bedrock", ModelId) WHERE ${where}`,
              period: 300,
              returnData: true,
            },
          ],
        });
      await expectViolation([profile(), insights(`ModelId != '${profileId}'`)], "has no CloudWatch alarm");
      await expectViolation([profile(), insights(`ModelId <> '${profileId}'`)], "has no CloudWatch alarm");
      await expectNoViolations([profile(), insights(`ModelId = '${profileId}'`)]);
    });

    it("fails a SEARCH expression that names the profile only after NOT", async () => {
      const search = (term: string) =>
        alarm({
          namespace: undefined,
          dimensions: undefined,
          metricQueries: [
            { id: "s", expression: `SUM(SEARCH('{AWS/Bedrock,ModelId} ${term}', 'Sum', 300))` },
          ],
        });
      await expectViolation([profile(), search(`NOT ModelId="${profileId}"`)], "has no CloudWatch alarm");
      await expectNoViolations([profile(), search(`ModelId="${profileId}"`)]);
    });

    it("fails an alarm whose threshold can never be crossed", async () => {
      await expectViolation([profile(), alarm({ comparisonOperator: "LessThanThreshold", threshold: 0 })]);
      await expectViolation([
        profile(),
        alarm({ comparisonOperator: "GreaterThanThreshold", threshold: Infinity }),
      ]);
      await expectNoViolations([
        profile(),
        alarm({ comparisonOperator: "GreaterThanThreshold", threshold: 1000 }),
      ]);
    });
  });

  it("passes a SEARCH expression naming the profile id", async () => {
    const search = alarm({
      namespace: undefined,
      dimensions: undefined,
      metricQueries: [
        { id: "s", expression: `SUM(SEARCH('{AWS/Bedrock,ModelId} ModelId="${profileId}"', 'Sum', 300))` },
      ],
    });
    await expectNoViolations([profile(), search]);
  });

  it("passes an aws-native alarm and an aws-native profile", async () => {
    const nativeProfile: ResourceSpec = {
      type: "aws-native:bedrock:ApplicationInferenceProfile",
      name: "native",
      props: { inferenceProfileArn: profileArn, inferenceProfileId: profileId },
    };
    const nativeAlarm: ResourceSpec = {
      type: "aws-native:cloudwatch:Alarm",
      props: {
        namespace: "AWS/Bedrock",
        metricName: "Invocations",
        dimensions: [{ name: "ModelId", value: profileId }],
        alarmActions: [topicArn],
      },
    };
    await expectNoViolations([nativeProfile, nativeAlarm]);
  });

  it("fails a profile with no alarm, on the profile, saying what to add", async () => {
    const resources = [profile()];
    await expectViolation(
      resources,
      'Inference profile "claims-chatbot-dev" has no CloudWatch alarm with an action on AWS/Bedrock metrics of its ModelId',
      urnOf(resources[0]),
    );
  });

  it("fails when the only alarm has no action, or its actions are disabled", async () => {
    await expectViolation([profile(), alarm({ alarmActions: [] })], "has no CloudWatch alarm");
    await expectViolation(
      [profile(), alarm({ alarmActions: undefined, okActions: [topicArn] })],
      "has no CloudWatch alarm",
    );
    await expectViolation([profile(), alarm({ actionsEnabled: false })], "has no CloudWatch alarm");
  });

  it("fails when the alarm watches another namespace, another profile or another dimension", async () => {
    await expectViolation([profile(), alarm({ namespace: "AWS/Lambda" })], "has no CloudWatch alarm");
    await expectViolation(
      [profile(), alarm({ dimensions: { ModelId: "zzzzzz999999" } })],
      "has no CloudWatch alarm",
    );
    await expectViolation(
      [profile(), alarm({ dimensions: { FunctionName: profileId } })],
      "has no CloudWatch alarm",
    );
  });

  it("reports each unwatched profile of several", async () => {
    const other = profile(
      "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/0a1b2c3d4e5f",
      "claims-summarizer-dev",
    );
    await expectViolation([profile(), other, alarm()], '"claims-summarizer-dev"', urnOf(other));
  });

  it("reads the dimension name from config", async () => {
    await expectNoViolations([profile(), alarm({ dimensions: { InferenceProfileId: profileId } })], {
      config: { dimension: "InferenceProfileId" },
    });
  });

  it("under preview, ties an alarm to the profile its dimensions depend on", async () => {
    const unknownProfile = profile(UNKNOWN);
    const linked: ResourceSpec = {
      ...alarm({ dimensions: { ModelId: UNKNOWN } }),
      propertyDependencies: { dimensions: [urnOf(unknownProfile)] },
    };
    await expectNoViolations([unknownProfile, linked]);
    const second = profile(UNKNOWN, "claims-summarizer-dev");
    await expectViolation([unknownProfile, second, linked], '"claims-summarizer-dev"');
  });

  it("does not guess when an alarm's dimension is unknown and nothing links it", async () => {
    await expectNoViolations([profile(UNKNOWN), alarm({ dimensions: { ModelId: UNKNOWN } })]);
    await expectNoViolations([profile(UNKNOWN), metricMathAlarm(UNKNOWN)]);
  });

  it("under preview, does not guess about a profile whose id is unknown while an alarm watches an id no known profile has", async () => {
    await expectNoViolations([profile(UNKNOWN), alarm({ dimensions: { ModelId: "zzzzzz999999" } })]);
    await expectViolation([profile(UNKNOWN), alarm({ namespace: "AWS/Lambda" })], "has no CloudWatch alarm");
  });

  it("counts an alarm whose actions are unknown (a topic ARN not known yet)", async () => {
    await expectNoViolations([profile(), alarm({ alarmActions: [UNKNOWN] })]);
  });
});
