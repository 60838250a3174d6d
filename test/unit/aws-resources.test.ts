import * as assert from "node:assert/strict";
import * as bedrock from "@pulumi/aws/bedrock";
import * as budgets from "@pulumi/aws/budgets";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as costexplorer from "@pulumi/aws/costexplorer";
import * as iam from "@pulumi/aws/iam";
import * as organizations from "@pulumi/aws/organizations";
import * as sns from "@pulumi/aws/sns";
import * as ssm from "@pulumi/aws/ssm";
import * as pulumi from "@pulumi/pulumi";
import * as resources from "../../src/aws-resources";
import {
  type RegisterResourceRequest,
  onRegisterResource,
  pulumiTypeOf,
  waitForRPCs,
} from "../../tools/check/sdk-internals";

type ResourceClass = new (
  name: string,
  args: never,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/** Each stand-in, the provider class it stands for, and arguments of the kinds the program sets. */
const tags = { tenant: "claims", environment: "dev" };
const arn = "arn:aws:sns:us-east-1:111122223333:claims-dev-bedrock-alerts";
const cases: Record<keyof typeof resources, { real: ResourceClass; args: object }> = {
  InferenceProfile: {
    real: bedrock.InferenceProfile,
    args: {
      name: "claims-chat",
      modelSource: { copyFrom: "arn:aws:bedrock:us-east-1::foundation-model/x" },
      tags,
    },
  },
  SsmParameter: {
    real: ssm.Parameter,
    args: { name: "/bedrock/claims/chat", type: "String", value: "arn", tags },
  },
  Topic: { real: sns.Topic, args: { name: "claims-alerts", kmsMasterKeyId: "alias/aws/sns", tags } },
  TopicPolicy: {
    real: sns.TopicPolicy,
    args: { arn, policy: '{"Version":"2012-10-17","Statement":[]}' },
  },
  TopicSubscription: {
    real: sns.TopicSubscription,
    args: { topic: arn, protocol: "email", endpoint: "a@b.c" },
  },
  MetricAlarm: {
    real: cloudwatch.MetricAlarm,
    args: {
      name: "claims-throttles",
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 1,
      metricName: "InvocationThrottles",
      namespace: "AWS/Bedrock",
      period: 300,
      statistic: "Sum",
      threshold: 10,
      dimensions: { ModelId: "abc" },
      alarmActions: [arn],
      tags,
    },
  },
  Budget: {
    real: budgets.Budget,
    args: {
      name: "claims",
      budgetType: "COST",
      limitAmount: "100",
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      notifications: [
        {
          comparisonOperator: "GREATER_THAN",
          notificationType: "ACTUAL",
          threshold: 80,
          thresholdType: "PERCENTAGE",
          subscriberSnsTopicArns: [arn],
        },
      ],
      tags,
    },
  },
  BudgetAction: {
    real: budgets.BudgetAction,
    args: {
      budgetName: "claims",
      actionType: "APPLY_IAM_POLICY",
      approvalModel: "AUTOMATIC",
      notificationType: "ACTUAL",
      executionRoleArn: "arn:aws:iam::111122223333:role/x",
      actionThreshold: { actionThresholdType: "PERCENTAGE", actionThresholdValue: 100 },
      definition: {
        iamActionDefinition: { policyArn: "arn:aws:iam::111122223333:policy/deny", roles: ["r"] },
      },
      subscribers: [{ address: arn, subscriptionType: "SNS" }],
    },
  },
  IamPolicy: { real: iam.Policy, args: { name: "claims-invoke", policy: "{}", tags } },
  IamRole: { real: iam.Role, args: { name: "claims-budget-action", assumeRolePolicy: "{}", tags } },
  IamRolePolicy: { real: iam.RolePolicy, args: { role: "claims-budget-action", policy: "{}" } },
  IamRolePolicyAttachment: {
    real: iam.RolePolicyAttachment,
    args: { role: "claims-app", policyArn: "arn:aws:iam::111122223333:policy/claims-invoke" },
  },
  CostAllocationTag: {
    real: costexplorer.CostAllocationTag,
    args: { tagKey: "tenant", status: "Active" },
  },
  AnomalyMonitor: {
    real: costexplorer.AnomalyMonitor,
    args: { name: "bedrock", monitorType: "DIMENSIONAL", monitorDimension: "SERVICE", tags },
  },
  OrganizationsPolicy: {
    real: organizations.Policy,
    args: {
      name: "bedrock-invoke",
      type: "SERVICE_CONTROL_POLICY",
      content: '{"Version":"2012-10-17","Statement":[]}',
      tags,
    },
  },
  OrganizationsPolicyAttachment: {
    real: organizations.PolicyAttachment,
    args: { policyId: "p-12345678", targetId: "111122223333" },
  },
  AnomalySubscription: {
    real: costexplorer.AnomalySubscription,
    args: {
      name: "bedrock",
      frequency: "IMMEDIATE",
      monitorArnLists: ["arn:aws:ce::111122223333:anomalymonitor/x"],
      subscribers: [{ type: "SNS", address: arn }],
      thresholdExpression: {
        dimension: {
          key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
          values: ["100"],
          matchOptions: ["GREATER_THAN_OR_EQUAL"],
        },
      },
      tags,
    },
  },
};

/** What the engine is told about a resource: everything in RegisterResource but its name and source position. */
interface Registration {
  type: string;
  version: string;
  properties: Record<string, unknown>;
  additionalSecretOutputs: string[];
  aliases: unknown[];
  replaceOnChanges: string[];
  rest: Record<string, unknown>;
}

type FullRequest = RegisterResourceRequest & {
  getVersion(): string;
  getAdditionalsecretoutputsList(): string[];
  getAliasesList(): Array<{ toObject(): unknown }>;
  getReplaceonchangesList(): string[];
  toObject(): Record<string, unknown>;
};

const requests = new Map<string, FullRequest>();

/** Registers `resourceClass` under mocks and returns its RegisterResource request. */
async function registration(resourceClass: ResourceClass, name: string, args: object): Promise<Registration> {
  new resourceClass(name, args as never);
  await waitForRPCs();
  const request = requests.get(name);
  assert.ok(request, `${name} was not registered`);
  // Where it was constructed (source position, stack trace) differs by construction, not by class.
  const {
    name: _name,
    sourceposition: _source,
    stacktrace: _trace,
    object: _object,
    ...rest
  } = request.toObject();
  return {
    type: request.getType(),
    version: request.getVersion(),
    properties: request.getObject()?.toJavaScript() ?? {},
    additionalSecretOutputs: [...request.getAdditionalsecretoutputsList()].sort(),
    aliases: request.getAliasesList().map((alias) => alias.toObject()),
    replaceOnChanges: [...request.getReplaceonchangesList()].sort(),
    rest,
  };
}

describe("lean AWS resources (src/aws-resources.ts) against the @pulumi/aws classes they stand for", () => {
  before(async () => {
    await pulumi.runtime.setMocks(
      { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
      "lean-resources",
      "test",
      false,
    );
    onRegisterResource((request) => requests.set(request.getName(), request as FullRequest));
  });

  for (const [name, { real, args }] of Object.entries(cases)) {
    it(`${name} sends the RegisterResource request ${pulumiTypeOf(real)} sends`, async () => {
      const lean = resources[name as keyof typeof resources] as unknown as ResourceClass;
      assert.deepEqual(
        await registration(lean, `lean-${name}`, args),
        await registration(real, `real-${name}`, args),
      );
    });
  }

  it("covers every stand-in", () => {
    assert.deepEqual(Object.keys(cases).sort(), Object.keys(resources).sort());
  });

  it("fails when a provider upgrade adds a secret output, an alias or replaceOnChanges", async () => {
    // A provider class as an upgrade could make it: same type and inputs, new resource options.
    class UpgradedTopic extends sns.Topic {
      constructor(name: string, args: sns.TopicArgs, opts?: pulumi.CustomResourceOptions) {
        super(
          name,
          args,
          pulumi.mergeOptions(opts, {
            additionalSecretOutputs: ["policy"],
            aliases: [{ type: "aws:sns/topicV1:Topic" }],
            replaceOnChanges: ["fifoTopic"],
          }),
        );
      }
    }
    const { args } = cases.Topic;
    const lean = await registration(resources.Topic as unknown as ResourceClass, "lean-tampered", args);
    const upgraded = await registration(UpgradedTopic as unknown as ResourceClass, "upgraded-tampered", args);
    assert.throws(() => assert.deepEqual(lean, upgraded), /additionalSecretOutputs/);
    for (const field of ["additionalSecretOutputs", "aliases", "replaceOnChanges"] as const)
      assert.notDeepEqual(lean[field], upgraded[field], field);
  });
});
