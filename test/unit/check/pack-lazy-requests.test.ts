import * as assert from "node:assert/strict";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import fc from "fast-check";
import type { StackValidationArgs } from "@pulumi/policy";
import type { ResourceValidationArgs } from "@pulumi/policy";
import {
  ProviderCache,
  analyzeRequestBytes,
  analyzeStackRequestBytes,
  analyzerResourceBytes,
} from "../../../tools/check/analyzer/requests";
import type { PlannedResource } from "../../../tools/check/plan/planned-resource";
import { providerResource, providerUrn } from "../../helpers/planned-provider";
import { withOwnProtoKey } from "../../helpers/proto-key";

/* eslint-disable @typescript-eslint/no-require-imports -- a preload (CommonJS) and the policy SDK's internal server */
const { readAnalyzeRequest, readStackRequest } =
  require("../../../tools/check/analyzer/pack-lazy-requests.cjs") as {
    readAnalyzeRequest(bytes: Uint8Array): analyzerProto.AnalyzeRequest | undefined;
    readStackRequest(bytes: Uint8Array): analyzerProto.AnalyzeStackRequest | undefined;
  };
type StackRpc = (call: { request: unknown }, callback: (error: unknown) => void) => Promise<void>;
const { makeAnalyzeRpcFun, makeAnalyzeStackRpcFun } = require("@pulumi/policy/server") as Record<
  "makeAnalyzeRpcFun" | "makeAnalyzeStackRpcFun",
  (name: string, version: string, level: string, policies: unknown[]) => StackRpc
>;
/* eslint-enable @typescript-eslint/no-require-imports */

const text = fc.string({ unit: "binary" });
const record = fc.dictionary(text, fc.jsonValue(), { maxKeys: 5 }) as fc.Arbitrary<Record<string, unknown>>;
const resource: fc.Arbitrary<PlannedResource> = fc.record({
  urn: text,
  type: text,
  name: text,
  inputs: record,
  outputs: fc.option(record, { nil: undefined }),
  parent: fc.option(text, { nil: undefined }),
  provider: fc.option(fc.constant(`${providerUrn}::id-1`), { nil: undefined }),
  protect: fc.boolean(),
  dependencies: fc.array(text, { maxLength: 3 }),
  propertyDependencies: fc.dictionary(text, fc.array(text, { maxLength: 3 }), { maxKeys: 3 }),
  custom: fc.boolean(),
});

type Entry = analyzerProto.AnalyzerResource | analyzerProto.AnalyzeRequest;

/** Every getter the policy SDK reads of an AnalyzeStack request. */
function asSdkReadsIt(request: analyzerProto.AnalyzeStackRequest): unknown[] {
  return request.getResourcesList().map((entry) => entryAsSdkReadsIt(entry, true));
}

/** Every getter the policy SDK reads of a resource: an Analyze request's, or (`stack`) AnalyzeStack's. */
function entryAsSdkReadsIt(entry: Entry, stack: boolean): unknown[] {
  const options = entry.getOptions();
  const provider = entry.getProvider();
  const resource = entry as analyzerProto.AnalyzerResource;
  return [
    entry.getType(),
    entry.getUrn(),
    entry.getName(),
    ...(stack
      ? [
          resource.getParent(),
          resource.getDependenciesList(),
          [...resource.getPropertydependenciesMap().entries()].map(([key, urns]) => [
            key,
            urns.getUrnsList(),
          ]),
        ]
      : []),
    entry.getProperties()?.toJavaScript(),
    options && [
      options.getProtect(),
      options.getIgnorechangesList(),
      options.getDeletebeforereplace(),
      options.getDeletebeforereplacedefined(),
      options.getAdditionalsecretoutputsList(),
      options.getAliasesList(),
      options.getCustomtimeouts() ?? null,
      options.getParent(),
    ],
    provider && [
      provider.getType(),
      provider.getUrn(),
      provider.getName(),
      provider.getProperties()?.toJavaScript(),
    ],
  ];
}

/**
 * The same reading: equal as JSON (key order included) and deeply equal, prototypes included (JSON
 * alone would not tell a key that became a prototype from a key that was dropped).
 */
function assertReadAlike(lazy: unknown[], generated: unknown[]): void {
  assert.equal(JSON.stringify(lazy), JSON.stringify(generated));
  assert.deepStrictEqual(lazy, generated);
}

function stackRequest(resources: PlannedResource[]): Uint8Array {
  const providers = new ProviderCache(new Map([[providerUrn, providerResource]]));
  return analyzeStackRequestBytes(resources.map((planned) => analyzerResourceBytes(planned, providers)));
}

describe("the pack reads Analyzer requests lazily (analyzer/pack-lazy-requests.cjs)", () => {
  it("answers every getter the policy SDK calls of an Analyze request as the generated classes do", () => {
    fc.assert(
      fc.property(resource, (planned) => {
        const bytes = analyzeRequestBytes(
          planned,
          new ProviderCache(new Map([[providerUrn, providerResource]])),
        );
        const lazy = readAnalyzeRequest(bytes);
        assert.ok(lazy, "the check's own request is read lazily");
        assertReadAlike(
          entryAsSdkReadsIt(lazy, false),
          entryAsSdkReadsIt(analyzerProto.AnalyzeRequest.deserializeBinary(bytes), false),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("gives each resource policy of the policy SDK its own copy of the same values", async () => {
    const seen: ResourceValidationArgs[] = [];
    const views: string[] = [];
    const policy = (name: string) => ({
      name,
      description: name,
      enforcementLevel: "mandatory",
      validateResource: (args: ResourceValidationArgs) => {
        seen.push(args);
        views.push(JSON.stringify([args.props, args.provider?.props, args.opts, args.urn, args.type]));
        // One policy changing its copy must not change what the next one sees.
        (args.props as { tags: Record<string, string> }).tags.team = `changed by ${name}`;
      },
    });
    const rpc = makeAnalyzeRpcFun("pack", "1.0.0", "mandatory", [policy("a"), policy("b")]);
    const topic = { ...providerResource, type: "aws:sns/topic:Topic", provider: `${providerUrn}::id-1` };
    const bytes = analyzeRequestBytes(
      { ...topic, inputs: { name: "alerts", tags: { team: "a" }, list: [1, { y: 1, x: "y" }] } },
      new ProviderCache(new Map([[providerUrn, providerResource]])),
    );
    for (const request of [analyzerProto.AnalyzeRequest.deserializeBinary(bytes), readAnalyzeRequest(bytes)])
      await new Promise<void>(
        (resolve, reject) => void rpc({ request }, (error) => (error ? reject(error) : resolve())),
      );
    assert.deepEqual(views.slice(2), views.slice(0, 2), "the same as google-protobuf's reading");
    assert.ok(views[1].includes('"team":"a"'), views[1]);
    assert.notEqual(seen[2].props, seen[3].props);
  });

  it("answers every getter the policy SDK calls of AnalyzeStack as the generated classes do", () => {
    fc.assert(
      fc.property(fc.array(resource, { maxLength: 4 }), (resources) => {
        const bytes = stackRequest(resources);
        const lazy = readStackRequest(bytes);
        assert.ok(lazy, "the check's own request is read lazily");
        assertReadAlike(
          asSdkReadsIt(lazy),
          asSdkReadsIt(analyzerProto.AnalyzeStackRequest.deserializeBinary(bytes)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("drops a `__proto__` key from properties and property dependencies, as google-protobuf's maps do", () => {
    // A key fast-check's dictionaries draw now and then; here always, in a value and a map.
    const planned: PlannedResource = {
      ...providerResource,
      inputs: withOwnProtoKey({ tags: { team: "inherited" } }, { name: "n", nested: withOwnProtoKey(1) }),
      propertyDependencies: withOwnProtoKey([providerUrn], { name: [providerUrn] }),
    };
    const bytes = stackRequest([planned]);
    const lazy = asSdkReadsIt(readStackRequest(bytes)!);
    assertReadAlike(lazy, asSdkReadsIt(analyzerProto.AnalyzeStackRequest.deserializeBinary(bytes)));
    const [[, , , , , dependencies, props]] = lazy as [[...unknown[]]];
    assert.deepEqual(dependencies, [["name", [providerUrn]]]);
    assert.equal((props as { tags?: unknown }).tags, undefined, "no properties through a prototype");
  });

  it("reads the options the check never sends, and leaves a request it cannot read to google-protobuf", () => {
    const options = new analyzerProto.AnalyzerResourceOptions()
      .setIgnorechangesList(["tags"])
      .setAliasesList(["urn:old"])
      .setAdditionalsecretoutputsList(["password"])
      .setDeletebeforereplace(true)
      .setDeletebeforereplacedefined(true);
    const entry = new analyzerProto.AnalyzerResource().setType("t").setOptions(options);
    const requestOf = (resource: analyzerProto.AnalyzerResource) =>
      new analyzerProto.AnalyzeStackRequest().setResourcesList([resource]).serializeBinary();
    const request = requestOf(entry);
    assertReadAlike(
      asSdkReadsIt(readStackRequest(request)!),
      asSdkReadsIt(analyzerProto.AnalyzeStackRequest.deserializeBinary(request)),
    );
    options.setCustomtimeouts(new analyzerProto.AnalyzerResourceOptions.CustomTimeouts().setCreate(60));
    const timed = requestOf(entry);
    assert.equal(readStackRequest(timed), undefined);
  });

  it("gives a stack policy of the policy SDK the same resources", async () => {
    const resources: PlannedResource[] = [
      providerResource,
      {
        ...providerResource,
        urn: "urn:pulumi:dev::p::aws:sns/topic:Topic::alerts",
        type: "aws:sns/topic:Topic",
        name: "alerts",
        inputs: { name: "alerts", tags: { team: "a", app: "b" }, list: [1, null, true, { z: 1, a: 2 }] },
        parent: providerUrn,
        provider: `${providerUrn}::id-1`,
        protect: true,
        dependencies: [providerUrn],
        propertyDependencies: { name: [providerUrn], arn: [] },
      },
    ];
    const seen = async (request: unknown) => {
      let resourcesSeen = "";
      const policy = {
        name: "sees",
        description: "sees",
        enforcementLevel: "mandatory",
        validateStack: (args: StackValidationArgs) => {
          resourcesSeen = JSON.stringify(
            args.resources.map(
              ({ type, urn, name, props, opts, provider, parent, dependencies, propertyDependencies }) => ({
                ...{
                  type,
                  urn,
                  name,
                  props,
                  opts,
                  provider: provider && { ...provider, props: { ...provider.props } },
                },
                parent: parent?.urn,
                dependencies: dependencies.map((dependency) => dependency.urn),
                propertyDependencies: Object.entries(propertyDependencies).map(([key, list]) => [
                  key,
                  list.map((r) => r.urn),
                ]),
              }),
            ),
          );
        },
      };
      // A policy before it changes its copy of each resource's properties: the next one's is its own.
      const changes = {
        name: "changes",
        description: "changes",
        enforcementLevel: "mandatory",
        validateStack: (args: StackValidationArgs) => {
          for (const { props } of args.resources)
            (props as { tags?: { team?: string } }).tags = { team: "changed" };
        },
      };
      const rpc = makeAnalyzeStackRpcFun("pack", "1.0.0", "mandatory", [changes, policy]);
      await new Promise<void>(
        (resolve, reject) => void rpc({ request }, (error) => (error ? reject(error) : resolve())),
      );
      return resourcesSeen;
    };
    const bytes = stackRequest(resources);
    const expected = await seen(analyzerProto.AnalyzeStackRequest.deserializeBinary(bytes));
    assert.ok(expected.includes('"tags":{"app":"b","team":"a"}'), expected);
    assert.equal(await seen(readStackRequest(bytes)), expected);
  });
});
