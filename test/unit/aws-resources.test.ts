import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as resources from "../../src/aws-resources";

/** The provider class each registered type stands for: the engine must receive the provider's own type token. */
const providerClasses: Record<keyof typeof resources, object> = {
  InferenceProfile: aws.bedrock.InferenceProfile,
  SsmParameter: aws.ssm.Parameter,
  Topic: aws.sns.Topic,
  TopicPolicy: aws.sns.TopicPolicy,
  TopicSubscription: aws.sns.TopicSubscription,
  MetricAlarm: aws.cloudwatch.MetricAlarm,
  Budget: aws.budgets.Budget,
  BudgetAction: aws.budgets.BudgetAction,
  IamPolicy: aws.iam.Policy,
  IamRole: aws.iam.Role,
  IamRolePolicy: aws.iam.RolePolicy,
  IamRolePolicyAttachment: aws.iam.RolePolicyAttachment,
  CostAllocationTag: aws.costexplorer.CostAllocationTag,
  AnomalyMonitor: aws.costexplorer.AnomalyMonitor,
  AnomalySubscription: aws.costexplorer.AnomalySubscription,
  OrganizationsPolicy: aws.organizations.Policy,
  OrganizationsPolicyAttachment: aws.organizations.PolicyAttachment,
};

describe("registered AWS resource types", () => {
  it("use exactly the type tokens of the installed @pulumi/aws classes", () => {
    for (const [name, lean] of Object.entries(resources)) {
      const providerClass = providerClasses[name as keyof typeof resources];
      assert.ok(providerClass, `${name} has no provider class to compare with`);
      // `__pulumiType` is a static every generated class has at run time; its typings leave it out.
      const providerType = (providerClass as { __pulumiType?: unknown }).__pulumiType;
      assert.equal(typeof providerType, "string", `${name}: the provider class has no type token`);
      assert.equal(lean.__pulumiType, providerType, name);
    }
  });
});
