import * as assert from "node:assert/strict";
import { preflight } from "../../../tools/check/preflight";
import {
  alarm,
  budgetNotifying,
  cloudwatchGrant,
  planned,
  provider,
  topic,
  topicArn,
  topicPolicy,
} from "./fixtures";

const rules = (...resources: Parameters<typeof preflight>[0]) =>
  preflight(resources).map((issue) => `${issue.input}: ${issue.rule}`);

describe("AWS preflight: rules across resources", () => {
  describe("topics that alarms, budgets and anomaly subscriptions publish to", () => {
    it("refuses a topic policy that leaves CloudWatch out (the old tenant topic: only budgets and costalerts)", () => {
      const old = topicPolicy([
        {
          Effect: "Allow",
          Principal: { Service: ["budgets.amazonaws.com", "costalerts.amazonaws.com"] },
          Action: "SNS:Publish",
          Resource: topicArn,
          Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
        },
      ]);
      assert.deepEqual(rules(provider(), topic, old, alarm([topicArn])), [
        `alarmActions[0]: SNS would drop its notifications: the policy of topic ${topicArn} does not let cloudwatch.amazonaws.com publish scoped with aws:SourceArn or aws:SourceAccount from account 111122223333`,
      ]);
    });

    it("accepts a scoped CloudWatch grant, and refuses an unscoped one or one scoped to other alarms", () => {
      assert.deepEqual(rules(provider(), topic, topicPolicy([cloudwatchGrant]), alarm([topicArn])), []);
      const unscoped = { ...cloudwatchGrant, Condition: undefined };
      assert.equal(rules(provider(), topic, topicPolicy([unscoped]), alarm([topicArn])).length, 1);
      const otherAccount = {
        ...cloudwatchGrant,
        Condition: { StringEquals: { "aws:SourceAccount": "999988887777" } },
      };
      assert.equal(rules(provider(), topic, topicPolicy([otherAccount]), alarm([topicArn])).length, 1);
    });

    it("lets CloudWatch publish to a topic with its default policy, but not AWS Budgets", () => {
      assert.deepEqual(rules(provider(), topic, alarm([topicArn])), []);
      const budget = budgetNotifying({ subscriberSnsTopicArns: [topicArn] });
      assert.deepEqual(rules(provider(), topic, budget), [
        `notifications[0].subscriberSnsTopicArns[0]: SNS would drop its notifications: the policy of topic ${topicArn} does not let budgets.amazonaws.com publish from account 111122223333`,
      ]);
    });

    it("wants the anomaly subscription's own (payer) account as costalerts' aws:SourceAccount", () => {
      const costalerts = (account: string) => ({
        Effect: "Allow",
        Principal: { Service: "costalerts.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      });
      const subscription = planned(
        "aws:costexplorer/anomalySubscription:AnomalySubscription",
        "anomaly-claims-sns",
        {
          name: "x",
          frequency: "IMMEDIATE",
          monitorArnLists: ["arn:aws:ce::111122223333:anomalymonitor/abc"],
          subscribers: [{ type: "SNS", address: topicArn }],
        },
      );
      // The fixture's provider is account 111122223333: that is the subscription's account here.
      assert.deepEqual(rules(provider(), topic, topicPolicy([costalerts("111122223333")]), subscription), []);
      assert.equal(
        rules(provider(), topic, topicPolicy([costalerts("444455556666")]), subscription).length,
        1,
      );
    });

    it("does not judge topics outside the plan (their policies are not visible)", () => {
      assert.deepEqual(rules(provider(), alarm(["arn:aws:sns:us-east-1:999988887777:oncall"])), []);
    });
  });

  it("refuses an alarm SNS action in another Region or partition than the alarm", () => {
    assert.deepEqual(rules(provider(), alarm(["arn:aws:sns:eu-west-1:111122223333:oncall"])), [
      "alarmActions[0]: CloudWatch PutMetricAlarm would reject it: an SNS action must be in the alarm's Region us-east-1 (partition aws)",
      "okActions[0]: CloudWatch PutMetricAlarm would reject it: an SNS action must be in the alarm's Region us-east-1 (partition aws)",
    ]);
    assert.equal(
      rules(provider("us-gov-west-1"), alarm(["arn:aws:sns:us-gov-west-1:111122223333:oncall"])).length,
      2,
    );
  });

  it("refuses a copied system profile whose geo does not serve the profile's Region", () => {
    const copied = (copyFrom: string) =>
      planned("aws:bedrock/inferenceProfile:InferenceProfile", "claims-chatbot", {
        name: "claims-chatbot-dev",
        modelSource: { copyFrom },
      });
    assert.deepEqual(
      rules(
        provider(),
        copied("arn:aws:bedrock:eu-west-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0"),
      ),
      [
        'modelSource.copyFrom: Bedrock CreateInferenceProfile would reject it: the system-defined profiles of geo "us" are not offered in eu-west-1',
      ],
    );
    assert.deepEqual(
      rules(
        provider(),
        copied(
          "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0",
        ),
      ),
      [],
    );
  });

  describe("quotas the models do not carry", () => {
    const policy = (document: string) =>
      planned("aws:iam/policy:Policy", "claims-invoke-policy", {
        name: "claims-dev-bedrock-invoke",
        policy: document,
      });
    const statement = (index: number) => ({
      Sid: `S${index}`,
      Effect: "Allow",
      Action: "bedrock:GetInferenceProfile",
      Resource: `arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/${String(index).padStart(12, "0")}`,
    });

    it("counts a managed policy's characters without whitespace, refusing one past 6,144", () => {
      const small = JSON.stringify(
        { Version: "2012-10-17", Statement: Array.from({ length: 25 }, (_, i) => statement(i)) },
        null,
        30,
      );
      assert.ok(small.length > 6144, "whitespace alone takes it past the limit");
      assert.deepEqual(rules(provider(), policy(small)), []);
      const large = JSON.stringify({
        Version: "2012-10-17",
        Statement: Array.from({ length: 60 }, (_, i) => statement(i)),
      });
      assert.match(
        rules(provider(), policy(large))[0],
        /^policy: IAM would reject it: a managed policy may hold 6,144 characters without whitespace; this one has 9,928$/,
      );
    });

    it("refuses more than one SNS topic and ten emails on a budget notification", () => {
      const budget = budgetNotifying({
        subscriberEmailAddresses: Array.from({ length: 11 }, (_, i) => `a${i}@example.com`),
        subscriberSnsTopicArns: ["arn:aws:sns:us-east-1:1:a", "arn:aws:sns:us-east-1:1:b"],
      });
      assert.deepEqual(rules(provider(), budget), [
        "notifications[0].subscriberEmailAddresses: AWS Budgets CreateBudget would reject it: at most 10 email subscribers per notification",
        "notifications[0].subscriberSnsTopicArns: AWS Budgets CreateBudget would reject it: at most 1 SNS topic per notification",
      ]);
    });
  });
});
