"use strict";
/**
 * Preloaded (`node --require`) into the policy pack process by the offline check (the flags of
 * `packNodeFlags` in tools/check/performance.ts). It relies on SDK internals that
 * tools/check/sdk-internals.ts checks (hooks "policy SDK reads an Analyze request's properties" and
 * "policy SDK reads Analyzer requests").
 *
 * google-protobuf decodes a request into a message object for every value of its properties: at
 * 1,000 tenants AnalyzeStack's 53 MB request became about 670 MB of heap, the pack's peak, traced
 * by every collection while the stack policies ran. And the policy SDK converts a resource's
 * properties Struct to JavaScript again for every policy that reads it: in Analyze, for each policy
 * not limited to one type (before the policy can say the resource is not its type), in AnalyzeStack
 * for each stack policy. Here Analyze and AnalyzeStack requests are read lazily instead: each
 * resource keeps its bytes (views of the request's buffer) and answers the getters the policy SDK
 * calls (server.js `makeAnalyzeRpcFun`, `makeAnalyzeStackRpcFun`, `getResourceOptions`,
 * `getProviderResource`, `getPropertyDependencies`) with what the generated classes answer, its
 * properties decoded from bytes, once, to the JavaScript `Struct.toJavaScript()` gives (keys sorted,
 * as google-protobuf lists a map) and handed to each policy that asks: the SDK's deserializer only
 * reads them, copying every object and array, so each policy still sees its own copy. A request
 * with any field this reader does not know is decoded by google-protobuf as before.
 * test/unit/check/pack-lazy-requests.test.ts holds the two equal.
 */
const path = require("node:path");
const { Reader } = require("protobufjs/minimal");
const { keptByGoogleProtobuf } = require("../google-protobuf-map-keys.cjs");

class UnknownField extends Error {}

/** Reads a message's fields: `onField(number, wireType)` reads the value or throws UnknownField. */
function readFields(bytes, onField) {
  const reader = Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    onField(tag >>> 3, tag & 7, reader);
  }
}

function expect(wireType, expected) {
  if (wireType !== expected) throw new UnknownField();
}

// google/protobuf/struct.proto, as tags: Struct.fields = 1 (entry: key = 1, value = 2); Value:
// null = 1 (an enum), number = 2 (a double), string = 3, bool = 4, struct = 5, list = 6;
// ListValue.values = 1. One reader walks the whole Struct: a message of its own for each value
// (as google-protobuf reads it) is what made reading slow.
const structEntry = 0x0a;
const entryKey = 0x0a;
const entryValue = 0x12;
const listItem = 0x0a;
const unset = Symbol("unset");

/** The Struct from `reader`'s position to `end` as JavaScript; with `build` false, only checked. */
function readStruct(reader, end, build) {
  const fields = build ? new Map() : undefined;
  while (reader.pos < end) {
    if (reader.uint32() !== structEntry) throw new UnknownField();
    const entryEnd = reader.uint32() + reader.pos;
    let key = "";
    let value = unset;
    while (reader.pos < entryEnd) {
      const tag = reader.uint32();
      if (tag === entryKey) key = readString(reader, build);
      else if (tag === entryValue) value = readValue(reader, reader.uint32() + reader.pos, build);
      else throw new UnknownField();
    }
    if (value === unset) throw new Error("Unexpected struct type.");
    if (keptByGoogleProtobuf(key)) fields?.set(key, value);
  }
  if (!fields) return undefined;
  const result = {};
  // As google-protobuf lists a map's entries: sorted by key.
  for (const key of [...fields.keys()].sort()) result[key] = fields.get(key);
  return result;
}

function readValue(reader, end, build) {
  let value = unset;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === 0x08) {
      reader.skipType(0); // the NullValue enum's number
      value = null;
    } else if (tag === 0x11) value = reader.double();
    else if (tag === 0x1a) value = readString(reader, build);
    else if (tag === 0x20) value = reader.bool();
    else if (tag === 0x2a) value = readStruct(reader, reader.uint32() + reader.pos, build);
    else if (tag === 0x32) {
      const listEnd = reader.uint32() + reader.pos;
      const items = [];
      while (reader.pos < listEnd) {
        if (reader.uint32() !== listItem) throw new UnknownField();
        items.push(readValue(reader, reader.uint32() + reader.pos, build));
      }
      value = items;
    } else throw new UnknownField();
  }
  if (value === unset) throw new Error("Unexpected struct type.");
  return value;
}

/** A string, or (not building) its length skipped. */
function readString(reader, build) {
  if (build) return reader.string();
  reader.skip(reader.uint32());
  return "";
}

/**
 * A Struct field: what the SDK reads of it is `toJavaScript()`, decoded on the first call and
 * handed out again to the next policy (see above). Held once, the plain values cost far less heap
 * than the google-protobuf messages they replace.
 */
function lazyStruct(bytes) {
  // Checked once up front, so a request this reader cannot read falls back whole.
  readStruct(Reader.create(bytes), bytes.length, false);
  let plain;
  return { toJavaScript: () => (plain ??= readStruct(Reader.create(bytes), bytes.length, true)) };
}

/** AnalyzerResourceOptions: protect 1, ignoreChanges 2, deleteBeforeReplace 3 and its "defined" 4, additionalSecretOutputs 5, aliases 6, parent 8. */
function readOptions(bytes) {
  const options = {
    protect: false,
    ignore: [],
    dbr: false,
    dbrDefined: false,
    secrets: [],
    aliases: [],
    parent: "",
  };
  readFields(bytes, (field, wireType, reader) => {
    if (field === 1 || field === 3 || field === 4) {
      expect(wireType, 0);
      const value = reader.bool();
      if (field === 1) options.protect = value;
      else if (field === 3) options.dbr = value;
      else options.dbrDefined = value;
    } else if (field === 2 || field === 5 || field === 6 || field === 8) {
      expect(wireType, 2);
      const value = reader.string();
      if (field === 2) options.ignore.push(value);
      else if (field === 5) options.secrets.push(value);
      else if (field === 6) options.aliases.push(value);
      else options.parent = value;
    } else throw new UnknownField(); // customTimeouts (7) and anything newer: google-protobuf reads it
  });
  return {
    getProtect: () => options.protect,
    getIgnorechangesList: () => options.ignore,
    getDeletebeforereplace: () => options.dbr,
    getDeletebeforereplacedefined: () => options.dbrDefined,
    getAdditionalsecretoutputsList: () => options.secrets,
    getAliasesList: () => options.aliases,
    getCustomtimeouts: () => undefined,
    getParent: () => options.parent,
  };
}

/**
 * AnalyzerResource (fields 1-9), AnalyzeRequest (its fields 1-6) or AnalyzerProviderResource (1-4):
 * the fields up to `lastField`, any other one unknown.
 */
function readResource(bytes, lastField) {
  const fields = {
    type: "",
    urn: "",
    name: "",
    parent: "",
    dependencies: [],
    propertyDependencies: new Map(),
  };
  readFields(bytes, (field, wireType, reader) => {
    if (field > lastField) throw new UnknownField();
    expect(wireType, 2);
    if (field === 1) fields.type = reader.string();
    else if (field === 2) fields.properties = lazyStruct(reader.bytes());
    else if (field === 3) fields.urn = reader.string();
    else if (field === 4) fields.name = reader.string();
    else if (field === 5) fields.options = readOptions(reader.bytes());
    else if (field === 6) fields.provider = readResource(reader.bytes(), 4);
    else if (field === 7) fields.parent = reader.string();
    else if (field === 8) fields.dependencies.push(reader.string());
    else {
      let key = "";
      const urns = [];
      readFields(reader.bytes(), (entryField, entryWire, entry) => {
        expect(entryWire, 2);
        if (entryField === 1) key = entry.string();
        else if (entryField === 2)
          readFields(entry.bytes(), (urnField, urnWire, value) => {
            expect(urnField === 1 ? urnWire : -1, 2);
            urns.push(value.string());
          });
        else throw new UnknownField();
      });
      if (keptByGoogleProtobuf(key)) fields.propertyDependencies.set(key, { getUrnsList: () => urns });
    }
  });
  // A map's entries as google-protobuf lists them: sorted by key.
  const sortedEntries = () =>
    [...fields.propertyDependencies.keys()].sort().map((key) => [key, fields.propertyDependencies.get(key)]);
  const dependencyMap = { entries: () => sortedEntries().values() };
  return {
    getType: () => fields.type,
    getProperties: () => fields.properties,
    getUrn: () => fields.urn,
    getName: () => fields.name,
    getOptions: () => fields.options,
    getProvider: () => fields.provider,
    getParent: () => fields.parent,
    getDependenciesList: () => fields.dependencies,
    getPropertydependenciesMap: () => dependencyMap,
  };
}

/** An AnalyzeStackRequest (resources = 1) read lazily, or undefined when it holds what this cannot read. */
function readStackRequest(bytes) {
  const resources = [];
  try {
    readFields(bytes, (field, wireType, reader) => {
      expect(field === 1 ? wireType : -1, 2);
      resources.push(readResource(reader.bytes(), 9));
    });
  } catch {
    return undefined; // google-protobuf reads it, and fails where it fails
  }
  return { getResourcesList: () => resources };
}

function analyzerService() {
  try {
    const policyDir = path.dirname(
      require.resolve("@pulumi/policy/package.json", { paths: [process.cwd()] }),
    );
    return require(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb", { paths: [policyDir] }))
      .AnalyzerService;
  } catch {
    return undefined; // no SDK where expected: the pack then fails to start with its own error
  }
}

/** An AnalyzeRequest (the fields 1-6 it shares with AnalyzerResource) read lazily, or undefined. */
function readAnalyzeRequest(bytes) {
  try {
    return readResource(bytes, 6);
  } catch {
    return undefined;
  }
}

const service = analyzerService();
for (const [method, read] of [
  ["analyze", readAnalyzeRequest],
  ["analyzeStack", readStackRequest],
]) {
  const definition = service?.[method];
  if (definition && typeof definition.requestDeserialize === "function") {
    const decode = definition.requestDeserialize;
    definition.requestDeserialize = (buffer) => read(buffer) ?? decode(buffer);
  }
}

module.exports = { readAnalyzeRequest, readStackRequest };
