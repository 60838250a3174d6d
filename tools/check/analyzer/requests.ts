/**
 * Analyze and AnalyzeStack requests as protobuf bytes, built once per resource when it arrives:
 * the strings, options and provider by the generated classes, the properties Struct by
 * wire-encoding.ts (see there why).
 */
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PlannedResource } from "../plan/planned-resource";
import { encodeStruct, repeatedField, withField } from "./wire-encoding";
import { wireRecord } from "./wire-values";

// analyzer.proto field numbers of what is appended as bytes.
const propertiesField = 2; // AnalyzeRequest.properties, AnalyzerResource.properties
const stackResourcesField = 1; // AnalyzeStackRequest.resources

/** The fields AnalyzeRequest and AnalyzerResource share (two generated classes with the same setters). */
interface ResourceMessage {
  setType(value: string): this;
  setName(value: string): this;
  setUrn(value: string): this;
  setOptions(value?: analyzerProto.AnalyzerResourceOptions): this;
  setProvider(value?: analyzerProto.AnalyzerProviderResource): this;
  serializeBinary(): Uint8Array;
}

/** `message` describing `resource`, serialized, with `properties` as its properties Struct. */
function resourceMessageBytes(
  message: ResourceMessage,
  resource: PlannedResource,
  providers: ProviderCache,
  properties: Record<string, unknown>,
): Uint8Array {
  message.setType(resource.type).setName(resource.name).setUrn(resource.urn);
  message.setOptions(resourceOptions(resource));
  const provider = providers.of(resource);
  if (provider) message.setProvider(provider);
  return withField(message.serializeBinary(), propertiesField, encodeStruct(wireRecord(properties)));
}

/** AnalyzeRequest bytes: the resource's inputs, options and provider. */
export function analyzeRequestBytes(resource: PlannedResource, providers: ProviderCache): Uint8Array {
  return resourceMessageBytes(new analyzerProto.AnalyzeRequest(), resource, providers, resource.inputs);
}

/** AnalyzerResource bytes, as AnalyzeStack lists it: the engine's view after the step. */
export function analyzerResourceBytes(resource: PlannedResource, providers: ProviderCache): Uint8Array {
  const result = new analyzerProto.AnalyzerResource();
  result.setParent(resource.parent ?? "");
  result.setDependenciesList(resource.dependencies ?? []);
  const dependencies = result.getPropertydependenciesMap();
  for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
    dependencies.set(property, new analyzerProto.AnalyzerPropertyDependencies().setUrnsList(urns));
  }
  // Outputs when known, else the inputs (the preview of a new resource).
  const outputs = resource.outputs && Object.keys(resource.outputs).length > 0 ? resource.outputs : undefined;
  return resourceMessageBytes(result, resource, providers, outputs ?? resource.inputs);
}

/** AnalyzeStackRequest bytes from its resources' AnalyzerResource bytes, in the stack's order. */
export function analyzeStackRequestBytes(resources: Iterable<Uint8Array>): Uint8Array {
  return repeatedField(stackResourcesField, resources);
}

function resourceOptions(resource: PlannedResource): analyzerProto.AnalyzerResourceOptions {
  const options = new analyzerProto.AnalyzerResourceOptions();
  options.setProtect(resource.protect === true);
  if (resource.parent) options.setParent(resource.parent);
  return options;
}

/**
 * The provider each resource was registered with (`<provider urn>::<provider id>`), with its inputs,
 * as AnalyzerProviderResource; built once per provider, since thousands of resources share one.
 */
export class ProviderCache {
  private readonly built = new Map<string, analyzerProto.AnalyzerProviderResource>();

  constructor(private readonly byUrn: ReadonlyMap<string, PlannedResource>) {}

  of(resource: PlannedResource): analyzerProto.AnalyzerProviderResource | undefined {
    if (!resource.provider) return undefined;
    const separator = resource.provider.lastIndexOf("::");
    const urn = separator > 0 ? resource.provider.slice(0, separator) : resource.provider;
    let provider = this.built.get(urn);
    if (!provider) {
      const known = this.byUrn.get(urn);
      const parts = urn.split("::");
      provider = new analyzerProto.AnalyzerProviderResource();
      provider.setUrn(urn);
      provider.setType(known?.type ?? parts[2]?.split("$").pop() ?? "");
      provider.setName(known?.name ?? parts[3] ?? "");
      provider.setProperties(Struct.fromJavaScript(wireRecord(known?.inputs ?? {}) as Record<string, never>));
      this.built.set(urn, provider);
    }
    return provider;
  }
}
