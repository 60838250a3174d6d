import * as assert from "node:assert/strict";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
  configureRequest,
  configureStackRequest,
  levelFromProto,
  toPackInfo,
  toViolations,
} from "../../../tools/check/analyzer/protocol";
import {
  ProviderCache,
  analyzeRequestBytes,
  analyzeStackRequestBytes,
  analyzerResourceBytes,
} from "../../../tools/check/analyzer/requests";
import { toWire } from "../../../tools/check/analyzer/wire-values";
import type { PlannedResource } from "../../../tools/check/plan/planned-resource";

// In-process, as pulumi-policy's server.spec.ts tests its conversions: no pack, no gRPC.
const providerUrn = "urn:pulumi:dev::p::pulumi:providers:aws::account-claims";
const provider: PlannedResource = {
  urn: providerUrn,
  type: "pulumi:providers:aws",
  name: "account-claims",
  inputs: { region: "us-east-1" },
  protect: false,
  dependencies: [],
  propertyDependencies: {},
  custom: true,
};
const topic: PlannedResource = {
  urn: "urn:pulumi:dev::p::aws:sns/topic:Topic::alerts",
  type: "aws:sns/topic:Topic",
  name: "alerts",
  inputs: { name: "alerts", tags: { tenant: "claims" } },
  outputs: { name: "alerts", arn: "arn:aws:sns:us-east-1:1:alerts" },
  parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
  provider: `${providerUrn}::id-1`,
  protect: true,
  dependencies: [providerUrn],
  propertyDependencies: { name: [providerUrn] },
  custom: true,
};

describe("Analyzer protocol conversions (tools/check/analyzer/)", () => {
  it("reads GetAnalyzerInfo: policies, kinds, levels, severities and config schemas", () => {
    const info = new analyzerProto.AnalyzerInfo().setName("pack").setVersion("1.2.3");
    const schema = new analyzerProto.PolicyConfigSchema()
      .setProperties(Struct.fromJavaScript({ currency: { type: "string", default: "USD" } }))
      .setRequiredList(["currency"]);
    info.addPolicies(
      new analyzerProto.PolicyInfo()
        .setName("budgets")
        .setDescription("d")
        .setEnforcementlevel(analyzerProto.EnforcementLevel.MANDATORY)
        .setPolicyType(analyzerProto.PolicyType.POLICY_TYPE_STACK)
        .setSeverity(analyzerProto.PolicySeverity.POLICY_SEVERITY_HIGH)
        .setConfigschema(schema),
    );
    info.addPolicies(
      new analyzerProto.PolicyInfo()
        .setName("tags")
        .setEnforcementlevel(analyzerProto.EnforcementLevel.ADVISORY),
    );
    assert.deepEqual(toPackInfo(info), {
      name: "pack",
      version: "1.2.3",
      description: undefined,
      policies: [
        {
          name: "budgets",
          description: "d",
          enforcementLevel: "mandatory",
          kind: "stack",
          severity: "high",
          remediationSteps: undefined,
          configSchema: {
            properties: { currency: { type: "string", default: "USD" } },
            required: ["currency"],
          },
        },
        {
          name: "tags",
          description: "",
          enforcementLevel: "advisory",
          kind: "resource",
          severity: undefined,
          remediationSteps: undefined,
          configSchema: undefined,
        },
      ],
    });
  });

  it("maps every enforcement level both ways (Configure out, diagnostics in)", () => {
    for (const level of ["advisory", "mandatory", "remediate", "disabled"] as const) {
      const request = configureRequest({ p: { enforcementLevel: level, properties: { n: 1 } } });
      const entry = request.getPolicyconfigMap().get("p");
      assert.equal(levelFromProto(entry!.getEnforcementlevel()), level);
      assert.deepEqual(entry!.getProperties()?.toJavaScript(), { n: 1 });
    }
  });

  it("turns diagnostics into violations, the description apart and the resource's URN when the pack leaves it out", () => {
    const response = new analyzerProto.AnalyzeResponse();
    response.addDiagnostics(
      new analyzerProto.AnalyzeDiagnostic()
        .setPolicyname("tags")
        .setPolicypackname("pack")
        .setDescription("Profiles carry cost tags.")
        .setMessage("Profiles carry cost tags.\nmissing tenant")
        .setEnforcementlevel(analyzerProto.EnforcementLevel.MANDATORY),
    );
    assert.deepEqual(toViolations(response, topic.urn), [
      {
        policyPack: "pack",
        policyName: "tags",
        enforcementLevel: "mandatory",
        message: "missing tenant",
        urn: topic.urn,
        description: "Profiles carry cost tags.",
      },
    ]);
  });

  it("sends ConfigureStack's stack, project, tags and preview flag", () => {
    const request = configureStackRequest({ stack: "dev", project: "p", tags: { team: "finops" } });
    assert.deepEqual(
      {
        stack: request.getStack(),
        project: request.getProject(),
        dryRun: request.getDryRun(),
        team: request.getTagsMap().get("team"),
      },
      { stack: "dev", project: "p", dryRun: true, team: "finops" },
    );
  });

  it("marshals values as the engine does for an analyzer", () => {
    assert.deepEqual(
      toWire({
        ref: { [rpc.specialSigKey]: rpc.specialResourceSig, urn: "urn:x", id: "i-1" },
        pendingRef: { [rpc.specialSigKey]: rpc.specialResourceSig, urn: "urn:y", id: "" },
        output: { [rpc.specialSigKey]: rpc.specialOutputValueSig, value: 3 },
        unknownOutput: { [rpc.specialSigKey]: rpc.specialOutputValueSig },
        ciphertext: { [rpc.specialSigKey]: rpc.specialSecretSig, ciphertext: "AAA" },
        secret: { [rpc.specialSigKey]: rpc.specialSecretSig, value: "s" },
        dropped: undefined,
        list: [undefined, 1n],
      }),
      {
        ref: "i-1",
        pendingRef: "urn:y",
        output: 3,
        unknownOutput: rpc.unknownValue,
        ciphertext: rpc.unknownValue,
        secret: { [rpc.specialSigKey]: rpc.specialSecretSig, value: "s" },
        list: [null, "1"],
      },
    );
  });

  it("encodes Analyze and AnalyzeStack requests that decode to the resource, its options and its provider", () => {
    const providers = new ProviderCache(new Map([[providerUrn, provider]]));
    const analyze = analyzeRequestBytes(topic, providers);
    const request = analyzerProto.AnalyzeRequest.deserializeBinary(analyze);
    assert.deepEqual(
      {
        type: request.getType(),
        name: request.getName(),
        urn: request.getUrn(),
        properties: request.getProperties()?.toJavaScript(),
        protect: request.getOptions()?.getProtect(),
        parent: request.getOptions()?.getParent(),
        provider: [
          request.getProvider()?.getUrn(),
          request.getProvider()?.getType(),
          request.getProvider()?.getProperties()?.toJavaScript(),
        ],
      },
      {
        type: topic.type,
        name: "alerts",
        urn: topic.urn,
        properties: topic.inputs,
        protect: true,
        parent: topic.parent,
        provider: [providerUrn, "pulumi:providers:aws", { region: "us-east-1" }],
      },
    );
    const stack = analyzerProto.AnalyzeStackRequest.deserializeBinary(
      analyzeStackRequestBytes([
        analyzerResourceBytes(provider, providers),
        analyzerResourceBytes(topic, providers),
      ]),
    );
    const [, entry] = stack.getResourcesList();
    assert.equal(stack.getResourcesList().length, 2);
    // AnalyzeStack sees the outputs (the engine's view after the step), dependencies and parent.
    assert.deepEqual(entry.getProperties()?.toJavaScript(), topic.outputs);
    assert.deepEqual(entry.getDependenciesList(), [providerUrn]);
    assert.deepEqual(entry.getPropertydependenciesMap().get("name")?.getUrnsList(), [providerUrn]);
    assert.equal(entry.getParent(), topic.parent);
  });
});
