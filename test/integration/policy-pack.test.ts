/**
 * The real pack, run the way the Pulumi CLI runs it: `@pulumi/pulumi/cmd/run-policy-pack` in the
 * pack directory, spoken to over the Analyzer gRPC protocol (through PolicyPackHost).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type PlannedResource, UNKNOWN } from "../../tools/check/plan/planned-resource";
import { PolicyPackHost } from "../../tools/check/analyzer/policy-pack-host";
import type { Violation } from "../../tools/check/report/check-report";
import { claimsChatbotTags } from "../../policies/test/helpers/policy-fixtures";
import {
  activeCostTagInputs,
  claimsBudgetInputs,
  profileOnlyInvokePolicy,
} from "../helpers/compliant-inputs";
import { acceptedPolicyConfig, refusedPolicyConfig } from "../helpers/policy-config";
import { packDir, policyPackPerSuite } from "../helpers/policy-pack";
import { tempDir } from "../helpers/temp-files";
import { policies as packPolicies } from "../../policies/policies";

const stack = "urn:pulumi:dev::pack-test";
const urn = (type: string, name: string) => `${stack}::${type}::${name}`;
const providerUrn = urn("pulumi:providers:aws", "shared-ai");

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<PlannedResource> = {},
): PlannedResource {
  return {
    urn: urn(type, name),
    type,
    name,
    inputs,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    custom: true,
    provider: `${providerUrn}::0123abcd`,
    ...extra,
  };
}

const profileId = "abcdef123456";
const profileArn = `arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/${profileId}`;
const modelArn = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
const topicArn = "arn:aws:sns:us-east-1:111122223333:claims-bedrock-alerts-dev";
const tags = claimsChatbotTags;

/** A small stack shaped like the program's: provider, profile, budget, alarm, SSM parameter, invoke policy. */
function compliantStack(): PlannedResource[] {
  const profileInputs = { name: "claims-chatbot-dev", modelSource: { copyFrom: modelArn }, tags };
  return [
    resource("pulumi:pulumi:Stack", "pack-test-dev", {}, { custom: false, provider: undefined }),
    {
      ...resource("pulumi:providers:aws", "shared-ai", {
        region: "us-east-1",
        defaultTags: JSON.stringify({ tags: { "managed-by": "pulumi" } }),
      }),
      provider: undefined,
    },
    resource("aws:bedrock/inferenceProfile:InferenceProfile", "claims-chatbot-dev", profileInputs, {
      outputs: { ...profileInputs, arn: profileArn, tagsAll: tags },
    }),
    resource(
      "aws:budgets/budget:Budget",
      "claims-budget",
      claimsBudgetInputs(1000, { subscriberSnsTopicArns: [topicArn] }),
    ),
    resource("aws:cloudwatch/metricAlarm:MetricAlarm", "claims-chatbot-invocations", {
      namespace: "AWS/Bedrock",
      metricName: "Invocations",
      dimensions: { ModelId: profileId },
      alarmActions: [topicArn],
    }),
    resource("aws:ssm/parameter:Parameter", "claims-chatbot-parameter", {
      name: "/bedrock-cost-governance/dev/claims/chatbot",
      type: "String",
      value: profileArn,
    }),
    resource("aws:iam/policy:Policy", "claims-invoke-policy", {
      policy: profileOnlyInvokePolicy(profileArn, modelArn),
    }),
    ...activeCostTagInputs(tags).map((inputs) =>
      resource(
        "aws:costexplorer/costAllocationTag:CostAllocationTag",
        `cost-allocation-${inputs.tagKey}`,
        inputs,
      ),
    ),
  ];
}

const summary = (violations: Violation[]) =>
  violations
    .map((violation) => `${violation.enforcementLevel} ${violation.policyName} ${violation.urn ?? "(stack)"}`)
    .sort();

describe("policy pack over the Analyzer protocol", function () {
  this.timeout(120_000);
  const host = policyPackPerSuite();

  it("describes the pack and each policy it serves as the policy declares itself (GetAnalyzerInfo)", () => {
    assert.equal(host().info.name, "bedrock-cost-guardrails");
    assert.equal(host().info.version, "0.1.0");
    const line = (policy: { name: string; enforcementLevel?: string; severity?: string }, kind: string) =>
      `${policy.name} ${kind} ${policy.enforcementLevel} ${policy.severity}`;
    assert.deepEqual(
      host().info.policies.map((policy) => line(policy, policy.kind)),
      packPolicies.map((policy) => line(policy, "validateStack" in policy ? "stack" : "resource")),
    );
    for (const policy of host().info.policies) {
      assert.match(policy.description, /^Checks (that|whether) /, policy.name);
      assert.ok(policy.remediationSteps, `${policy.name} has remediation steps`);
      assert.ok(
        Object.values(policy.configSchema?.properties ?? {}).length > 0,
        `${policy.name} has a config schema`,
      );
      for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {}))
        assert.notEqual(schema.default, undefined, `${policy.name}.${key} has a default`);
    }
  });

  it("finds nothing wrong with a compliant stack", async () => {
    assert.deepEqual(summary(await host().analyze(compliantStack())), []);
  });

  it("reports each broken rule on the resource that breaks it", async () => {
    const resources = compliantStack().map((planned): PlannedResource => {
      switch (planned.name) {
        case "claims-chatbot-dev": {
          const { "cost-center": _, ...fewer } = tags;
          const inputs = {
            ...planned.inputs,
            tags: { ...fewer, environment: "prod" },
            modelSource: { copyFrom: "anthropic.claude-3-haiku-20240307-v1:0" },
          };
          return { ...planned, inputs, outputs: { ...inputs, arn: profileArn } };
        }
        case "claims-budget":
          return { ...planned, inputs: { ...planned.inputs, notifications: [] } };
        case "claims-chatbot-invocations":
          return { ...planned, inputs: { ...planned.inputs, alarmActions: [] } };
        case "claims-chatbot-parameter":
          return {
            ...planned,
            inputs: { ...planned.inputs, value: "anthropic.claude-3-haiku-20240307-v1:0" },
          };
        case "claims-invoke-policy":
          return {
            ...planned,
            inputs: { policy: { Statement: { Effect: "Allow", Action: "bedrock:*", Resource: "*" } } },
          };
        case "cost-allocation-team":
          return { ...planned, inputs: { ...planned.inputs, status: "Inactive" } };
        default:
          return planned;
      }
    });
    const violations = await host().analyze(resources);
    const profile = urn("aws:bedrock/inferenceProfile:InferenceProfile", "claims-chatbot-dev");
    assert.deepEqual(summary(violations), [
      "advisory cost-allocation-tags-active (stack)",
      `advisory workloads-reference-profiles ${urn("aws:ssm/parameter:Parameter", "claims-chatbot-parameter")}`,
      `mandatory bedrock-invoke-through-profiles ${urn("aws:iam/policy:Policy", "claims-invoke-policy")}`,
      `mandatory bedrock-invoke-through-profiles ${urn("aws:iam/policy:Policy", "claims-invoke-policy")}`,
      `mandatory bedrock-profile-cost-tags ${profile}`,
      `mandatory bedrock-profile-model-source ${profile}`,
      `mandatory budget-notifications ${urn("aws:budgets/budget:Budget", "claims-budget")}`,
      `mandatory prod-profiles-protected ${profile}`,
      `mandatory profile-usage-alarm ${profile}`,
      `mandatory tenant-budget-coverage ${profile}`,
    ]);
    const costTags = violations.find((violation) => violation.policyName === "bedrock-profile-cost-tags");
    assert.equal(costTags?.policyPack, "bedrock-cost-guardrails");
    assert.match(costTags?.message ?? "", /^Inference profile "claims-chatbot-dev" lacks tag cost-center\. /);
    assert.match(costTags?.description ?? "", /^Checks that every application inference profile/);
  });

  it("sends the provider's inputs, so its defaultTags count", async () => {
    const resources = compliantStack().map((planned): PlannedResource => {
      if (planned.type === "pulumi:providers:aws")
        return {
          ...planned,
          inputs: { ...planned.inputs, defaultTags: JSON.stringify({ tags: { "cost-center": "CC-1042" } }) },
        };
      if (planned.name !== "claims-chatbot-dev") return planned;
      const { "cost-center": _, ...fewer } = tags;
      return { ...planned, inputs: { ...planned.inputs, tags: fewer }, outputs: undefined };
    });
    assert.deepEqual(summary(await host().analyze(resources)), []);
  });

  it("does not guess a violation from values unknown during preview, links by property dependencies, and says what it did not judge", async () => {
    const profileUrn = urn("aws:bedrock/inferenceProfile:InferenceProfile", "claims-chatbot-dev");
    const resources = compliantStack().map((planned): PlannedResource => {
      if (planned.name === "claims-chatbot-dev")
        return {
          ...planned,
          inputs: { ...planned.inputs, tags: { ...tags, team: UNKNOWN } },
          outputs: undefined,
        };
      if (planned.name === "claims-chatbot-invocations") {
        return {
          ...planned,
          inputs: { ...planned.inputs, dimensions: { ModelId: UNKNOWN } },
          propertyDependencies: { dimensions: [profileUrn] },
          dependencies: [profileUrn],
        };
      }
      if (planned.name === "claims-invoke-policy") return { ...planned, inputs: { policy: UNKNOWN } };
      return planned;
    });
    // Only the advisory naming what preview could not judge: the unknown tag and the unknown document.
    assert.deepEqual(summary(await host().analyze(resources)), [
      `advisory preview-unjudged-values ${profileUrn}`,
      `advisory preview-unjudged-values ${urn("aws:iam/policy:Policy", "claims-invoke-policy")}`,
    ]);
  });

  describe("configuration in the --policy-pack-config format", () => {
    afterEach(async () => {
      await host().configure({});
    });

    it("changes levels (all, and per policy) and settings", async () => {
      const config = acceptedPolicyConfig(
        {
          all: "advisory",
          "bedrock-profile-model-source": "disabled",
          "bedrock-profile-cost-tags": { enforcementLevel: "mandatory", mandatoryTags: ["tenant", "owner"] },
        },
        "policy-config.json",
        host().info,
      );
      await host().configure(config);
      const resources = compliantStack().map((planned) =>
        planned.name === "claims-chatbot-dev"
          ? { ...planned, inputs: { ...planned.inputs, modelSource: { copyFrom: "anthropic.claude-v2" } } }
          : planned,
      );
      assert.deepEqual(summary(await host().analyze(resources)), [
        `mandatory bedrock-profile-cost-tags ${urn("aws:bedrock/inferenceProfile:InferenceProfile", "claims-chatbot-dev")}`,
      ]);
      assert.equal(host().effectiveConfig["budget-notifications"].enforcementLevel, "advisory");
      assert.deepEqual(host().effectiveConfig["budget-notifications"].properties, {
        currency: "USD",
        maxThresholdPercent: 100,
      });
    });

    it("refuses an unknown policy, a level that does not exist and a setting that does not fit, naming file and path", () => {
      const errors = refusedPolicyConfig(
        {
          "no-such-policy": "mandatory",
          "budget-notifications": { enforcementLevel: "blocking", currency: ["USD"] },
        },
        "ci/policy.json",
        host().info,
      );
      assert.deepEqual(
        errors.map((error) => `${error.file}: ${error.path}`),
        [
          "ci/policy.json: no-such-policy",
          "ci/policy.json: budget-notifications.enforcementLevel",
          "ci/policy.json: budget-notifications.currency",
        ],
      );
    });
  });

  it("collects what the pack logs through the engine address it was given", () => {
    assert.ok(
      host().logs.some((entry) => entry.message.includes("Running program")),
      JSON.stringify(host().logs),
    );
  });

  it("says to run npm install in a pack directory without node_modules, with no require stack", async () => {
    const bare = tempDir("bare-pack-");
    for (const file of ["PulumiPolicy.yaml", "package.json", "index.ts"])
      fs.copyFileSync(path.join(packDir, file), path.join(bare, file));
    await assert.rejects(PolicyPackHost.start({ packDir: bare }), (error: Error) => {
      assert.match(error.message, new RegExp(`run \`npm install\` in ${bare}`));
      assert.doesNotMatch(error.message, /Require stack|MODULE_NOT_FOUND/);
      return true;
    });
  });

  it("kills a pack still starting when its start is aborted, and rejects with the reason", async () => {
    // A pack that never serves: it writes its pid, then blocks its only thread for good.
    const stuck = tempDir("stuck-pack-");
    for (const file of ["PulumiPolicy.yaml", "package.json"])
      fs.copyFileSync(path.join(packDir, file), path.join(stuck, file));
    // The node_modules the pack's @pulumi/pulumi is installed in (workspaces hoist it to the root).
    const modules = path.resolve(
      require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] }),
      "../../..",
    );
    fs.symlinkSync(modules, path.join(stuck, "node_modules"));
    const pidFile = path.join(stuck, "pid");
    fs.writeFileSync(
      path.join(stuck, "index.ts"),
      `require("node:fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\n` +
        "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n",
    );
    const start = PolicyPackHost.starting({ packDir: stuck });
    let ended: unknown;
    start.host.then(
      () => (ended = "served"),
      (error: unknown) => (ended = error),
    );
    while (!fs.existsSync(pidFile) || fs.readFileSync(pidFile, "utf8") === "") {
      if (ended !== undefined) assert.fail(`the stuck pack ended before it blocked: ${String(ended)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const pid = Number(fs.readFileSync(pidFile, "utf8"));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      start.controller.abort(new Error("no longer needed"));
      // Bounded, so that a start the abort does not end fails here and its process is killed below.
      const unended = new Promise((_, reject) =>
        setTimeout(() => reject(new Error("the start did not end when aborted")), 20_000).unref(),
      );
      await assert.rejects(Promise.race([start.host, unended]), /no longer needed/);
      for (let tries = 0; alive() && tries < 100; tries++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(alive(), false, `pack process ${pid} still running`);
    } finally {
      if (alive()) process.kill(pid, "SIGKILL");
    }
  });

  it("refuses a directory that holds no policy pack before starting anything", async () => {
    await assert.rejects(
      PolicyPackHost.start({ packDir: path.resolve(__dirname, "../fixtures-that-do-not-exist") }),
      /is not a policy pack: it has no PulumiPolicy.yaml/,
    );
  });
});

describe("a pack that fails", () => {
  const failingPack = path.resolve(__dirname, "../fixtures/failing-pack");
  let host: PolicyPackHost;
  before(async () => {
    host = await PolicyPackHost.start({ packDir: failingPack });
  });
  after(async () => {
    await host?.close();
  });

  it("rejects the judgement with the pack's own message when a resource policy throws", async () => {
    await assert.rejects(
      host.analyze([resource("test:index:Boom", "b", {}, { provider: undefined })]),
      /policy pack analyze failed: .*throws-on-boom.*boom in Analyze/s,
    );
  });

  it("rejects the judgement with the pack's own message when a stack policy throws", async () => {
    await assert.rejects(
      host.analyze([resource("test:index:StackBoom", "s", {}, { provider: undefined })]),
      /policy pack analyzeStack failed: .*boom in AnalyzeStack/s,
    );
  });
});
