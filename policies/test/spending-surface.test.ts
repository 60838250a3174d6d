/**
 * The generated spending surface: current with the installed iam-data and providers, every entry
 * classified, and an upgrade that brings something no rule decides fails rather than passes.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spendingSurface } from "../lib/spending-surface";
import { classifyAction, classifyActions } from "../scripts/spending-surface/actions";
import { installedSources } from "../scripts/spending-surface/build";
import { surfaceMarkdown, surfaceMarkers } from "../scripts/spending-surface/markdown";
import { classifyProperties } from "../scripts/spending-surface/properties";
import type { ProviderType } from "../scripts/spending-surface/provider-types";

describe("the spending surface (lib/data/spending-surface.json)", () => {
  it("was generated from the iam-data and provider versions installed today", () => {
    // A provider or iam-data upgrade changes a version: regenerate (`npm run generate:spending-surface`),
    // which fails, naming each, on an action or model-naming property no rule or override classifies.
    assert.deepEqual(spendingSurface.sources, installedSources());
  });

  it("ships the actions its rules derive from iam-data today, none left unclassified", () => {
    const { actions, unclassified } = classifyActions();
    assert.deepEqual(unclassified, []);
    assert.deepEqual(spendingSurface.actions, actions);
  });

  it("is what policies/README.md shows between its markers", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf(surfaceMarkers.start),
      readme.indexOf(surfaceMarkers.end) + surfaceMarkers.end.length,
    );
    assert.equal(section, surfaceMarkdown(spendingSurface));
  });

  it("classifies InvokeModel, batch and Mantle's inference, reservation and fine-tuning as spending", () => {
    const spend = (name: string) => spendingSurface.actions[name]?.spend;
    assert.equal(spend("bedrock:InvokeModel"), "invokes-model");
    assert.equal(spend("bedrock:CreateModelInvocationJob"), "invokes-model");
    assert.equal(spend("bedrock-mantle:CreateInference"), "invokes-model");
    assert.equal(spend("bedrock-mantle:CreateReservation"), "reserves-capacity");
    assert.equal(spend("bedrock-mantle:CreateFineTuningJob"), "customizes");
    assert.equal(spend("bedrock:GetFoundationModel"), "no-model-spend");
  });

  it("leaves an action no rule decides unclassified (as an iam-data upgrade could bring)", () => {
    const action = {
      name: "SummonModel",
      accessLevel: "Write",
      resourceTypes: [{ name: "foundation-model" }],
    };
    assert.equal(classifyAction("bedrock", action, {}), undefined);
    assert.equal(
      classifyAction("bedrock", { ...action, name: "InvokeModelTwice" }, {})?.spend,
      "invokes-model",
    );
  });

  it("leaves a model-naming property no rule decides unclassified (as a provider upgrade could bring)", () => {
    const type = (token: string, path: string): ProviderType => ({
      token,
      tagged: false,
      properties: [{ path, leaf: path.slice(path.lastIndexOf(".") + 1), string: true }],
    });
    const { properties, unclassified } = classifyProperties(
      [
        type("aws:bedrock/newKnowledgeStore:NewKnowledgeStore", "config.embeddingModelArn"),
        type("aws:bedrock/newRunner:NewRunner", "settings[].modelId"),
        type("aws:sagemaker/endpoint:Endpoint", "productionVariants[].modelId"),
      ],
      {},
    );
    assert.ok(unclassified.some((entry) => entry.startsWith("aws:bedrock/newKnowledgeStore")));
    assert.equal(properties["aws:bedrock/newRunner:NewRunner"]?.[0].judged, "profile");
    assert.equal(properties["aws:sagemaker/endpoint:Endpoint"]?.[0].judged, "not-judged");
  });

  it("judges every property of the issue's list somewhere: modelId, modelArn, foundationModel, modelIdentifier, embeddingModelArn, baseModelIdentifier", () => {
    const leaves = new Set(
      Object.values(spendingSurface.properties).flatMap((list) =>
        list.map((property) => property.path.slice(property.path.lastIndexOf(".") + 1)),
      ),
    );
    for (const leaf of [
      "modelId",
      "modelArn",
      "foundationModel",
      "modelIdentifier",
      "embeddingModelArn",
      "baseModelIdentifier",
    ])
      assert.ok(leaves.has(leaf), leaf);
  });
});
