/**
 * Analyze and AnalyzeStack requests as protobuf bytes, built once per resource when it arrives,
 * with protobufjs's Writer (wire-encoding.ts says why); each provider by the generated class, once.
 */
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PlannedResource } from "../plan/planned-resource";
import { Writer } from "protobufjs/minimal";
import { repeatedField, tag, writeFields } from "./wire-encoding";
import { wireRecord } from "./wire-values";
import { keptByGoogleProtobuf } from "../google-protobuf-map-keys.cjs";

// analyzer.proto field numbers. AnalyzeRequest and AnalyzerResource share 1-6; AnalyzerResource
// adds 7-9. AnalyzerResourceOptions: protect = 1, parent = 8. A map entry: key = 1, value = 2;
// AnalyzerPropertyDependencies.urns = 1.
const field = { type: 1, properties: 2, urn: 3, name: 4, options: 5, provider: 6 } as const;
const stackField = { parent: 7, dependencies: 8, propertyDependencies: 9 } as const;
const optionsField = { protect: 1, parent: 8 } as const;
const stackResourcesField = 1; // AnalyzeStackRequest.resources

/**
 * `resource` as an AnalyzeRequest or (with `stack`) an AnalyzerResource, written straight to bytes:
 * the bytes the generated classes' `serializeBinary()` gives (fields in number order, empty strings
 * and false left out, map entries in key order), with the properties Struct appended last
 * (test/unit/check/analyzer-requests.test.ts holds the two equal). Building the generated message
 * objects for each resource, twice, was most of the encoding's time.
 */
function resourceMessageBytes(
  resource: PlannedResource,
  providers: ProviderCache,
  properties: Record<string, unknown>,
  stack: boolean,
): Uint8Array {
  const writer = Writer.create();
  stringField(writer, field.type, resource.type);
  stringField(writer, field.urn, resource.urn);
  stringField(writer, field.name, resource.name);
  writer.uint32(tag(field.options, 2)).fork();
  if (resource.protect === true) writer.uint32(tag(optionsField.protect, 0)).bool(true);
  stringField(writer, optionsField.parent, resource.parent ?? "");
  writer.ldelim();
  const provider = providers.of(resource);
  if (provider) writer.uint32(tag(field.provider, 2)).bytes(provider);
  if (stack) {
    stringField(writer, stackField.parent, resource.parent ?? "");
    for (const urn of resource.dependencies ?? []) writer.uint32(tag(stackField.dependencies, 2)).string(urn);
    const dependencies = resource.propertyDependencies ?? {};
    for (const property of Object.keys(dependencies).filter(keptByGoogleProtobuf).sort()) {
      writer.uint32(tag(stackField.propertyDependencies, 2)).fork();
      writer.uint32(tag(1, 2)).string(property).uint32(tag(2, 2)).fork();
      for (const urn of dependencies[property]) writer.uint32(tag(1, 2)).string(urn);
      writer.ldelim().ldelim();
    }
  }
  writer.uint32(tag(field.properties, 2)).fork();
  writeFields(writer, wireRecord(properties));
  writer.ldelim();
  // In a buffer of its own: protobufjs hands out slices of a shared pool, which a kept AnalyzeStack
  // entry would hold on to with whatever else the pool served.
  return new Uint8Array(writer.finish());
}

function stringField(writer: Writer, number: number, value: string): void {
  if (value.length > 0) writer.uint32(tag(number, 2)).string(value);
}

/** AnalyzeRequest bytes: the resource's inputs, options and provider. */
export function analyzeRequestBytes(resource: PlannedResource, providers: ProviderCache): Uint8Array {
  return resourceMessageBytes(resource, providers, resource.inputs, false);
}

/** AnalyzerResource bytes, as AnalyzeStack lists it: the engine's view after the step. */
export function analyzerResourceBytes(resource: PlannedResource, providers: ProviderCache): Uint8Array {
  // Outputs when known, else the inputs (the preview of a new resource).
  const outputs = resource.outputs && Object.keys(resource.outputs).length > 0 ? resource.outputs : undefined;
  return resourceMessageBytes(resource, providers, outputs ?? resource.inputs, true);
}

/** AnalyzeStackRequest bytes from its resources' AnalyzerResource bytes, in the stack's order. */
export function analyzeStackRequestBytes(resources: Iterable<Uint8Array>): Uint8Array {
  return repeatedField(stackResourcesField, resources);
}

/**
 * The provider each resource was registered with (`<provider urn>::<provider id>`), with its inputs,
 * as AnalyzerProviderResource; built once per provider, since thousands of resources share one.
 */
export class ProviderCache {
  private readonly built = new Map<string, Uint8Array>();

  constructor(private readonly byUrn: ReadonlyMap<string, PlannedResource>) {}

  /** The resource's provider as AnalyzerProviderResource bytes (made by the generated class once). */
  of(resource: PlannedResource): Uint8Array | undefined {
    if (!resource.provider) return undefined;
    const separator = resource.provider.lastIndexOf("::");
    const urn = separator > 0 ? resource.provider.slice(0, separator) : resource.provider;
    let provider = this.built.get(urn);
    if (!provider) {
      const known = this.byUrn.get(urn);
      const parts = urn.split("::");
      provider = new analyzerProto.AnalyzerProviderResource()
        .setUrn(urn)
        .setType(known?.type ?? parts[2]?.split("$").pop() ?? "")
        .setName(known?.name ?? parts[3] ?? "")
        .setProperties(Struct.fromJavaScript(wireRecord(known?.inputs ?? {}) as Record<string, never>))
        .serializeBinary();
      this.built.set(urn, provider);
    }
    return provider;
  }
}
