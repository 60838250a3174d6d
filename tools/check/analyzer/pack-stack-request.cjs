"use strict";
/**
 * Preloaded (`node --require`) into the policy pack process by the offline check (the flags of
 * `packNodeFlags` in tools/check/performance.ts). It relies on SDK internals that
 * tools/check/sdk-internals.ts checks (hook "policy SDK reads an AnalyzeStack request").
 *
 * google-protobuf decodes AnalyzeStack's request into a message object for every value of every
 * resource's properties: at 1,000 tenants a 53 MB request became about 670 MB of heap, the pack's
 * peak, traced by every collection while the stack policies ran, and each stack policy then turned
 * each resource's Struct into JavaScript again. Here the request is read lazily instead: each
 * resource keeps its bytes (views of the request's buffer) and answers the getters the policy SDK
 * calls (server.js `makeAnalyzeStackRpcFun`, `getResourceOptions`, `getProviderResource`,
 * `getPropertyDependencies`) with what the generated classes answer, its properties decoded
 * straight from bytes to the JavaScript `Struct.toJavaScript()` gives (keys sorted, as
 * google-protobuf lists a map). A request with any field this reader does not know is decoded by
 * google-protobuf as before. test/unit/check/pack-stack-request.test.ts holds the two equal.
 */
const path = require("node:path");
const { Reader } = require("protobufjs/minimal");

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

// google/protobuf/struct.proto: Struct.fields = 1 (entry: key = 1, value = 2); Value: null = 1,
// number = 2, string = 3, bool = 4, struct = 5, list = 6; ListValue.values = 1.
function structToJavaScript(bytes) {
  const fields = new Map();
  readFields(bytes, (field, wireType, reader) => {
    expect(field === 1 ? wireType : -1, 2);
    let key = "";
    let value;
    readFields(reader.bytes(), (entryField, entryWire, entry) => {
      if (entryField === 1 && entryWire === 2) key = entry.string();
      else if (entryField === 2 && entryWire === 2) value = entry.bytes();
      else throw new UnknownField();
    });
    fields.set(key, value);
  });
  const result = {};
  for (const key of [...fields.keys()].sort()) result[key] = valueToJavaScript(fields.get(key));
  return result;
}

function valueToJavaScript(bytes) {
  let kind = 0;
  let value;
  readFields(bytes ?? new Uint8Array(0), (field, wireType, reader) => {
    kind = field;
    if (field === 1 || field === 4) {
      expect(wireType, 0);
      const flag = reader.bool(); // null_value is an enum: a varint, read and dropped
      value = field === 4 ? flag : null;
    } else if (field === 2) {
      expect(wireType, 1);
      value = reader.double();
    } else if (field === 3 || field === 5 || field === 6) {
      expect(wireType, 2);
      value = field === 3 ? reader.string() : reader.bytes();
    } else throw new UnknownField();
  });
  if (kind === 5) return structToJavaScript(value);
  if (kind === 6) {
    const items = [];
    readFields(value, (field, wireType, reader) => {
      expect(field === 1 ? wireType : -1, 2);
      items.push(valueToJavaScript(reader.bytes()));
    });
    return items;
  }
  if (kind === 0) throw new Error("Unexpected struct type.");
  return value;
}

/** A Struct field: what the SDK reads of it is `toJavaScript()`, decoded on each call. */
function lazyStruct(bytes) {
  structToJavaScript(bytes); // read once up front, so a request this reader cannot read falls back whole
  return { toJavaScript: () => structToJavaScript(bytes) };
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

/** AnalyzerResource (1-9) or, with `provider`, AnalyzerProviderResource (1-4). */
function readResource(bytes, provider) {
  const fields = {
    type: "",
    urn: "",
    name: "",
    parent: "",
    dependencies: [],
    propertyDependencies: new Map(),
  };
  readFields(bytes, (field, wireType, reader) => {
    if (field > (provider ? 4 : 9)) throw new UnknownField();
    expect(wireType, 2);
    if (field === 1) fields.type = reader.string();
    else if (field === 2) fields.properties = lazyStruct(reader.bytes());
    else if (field === 3) fields.urn = reader.string();
    else if (field === 4) fields.name = reader.string();
    else if (field === 5) fields.options = readOptions(reader.bytes());
    else if (field === 6) fields.provider = readResource(reader.bytes(), true);
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
      fields.propertyDependencies.set(key, { getUrnsList: () => urns });
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
      resources.push(readResource(reader.bytes(), false));
    });
  } catch (error) {
    if (error instanceof UnknownField || error instanceof RangeError) return undefined;
    throw error;
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

const analyzeStack = analyzerService()?.analyzeStack;
if (analyzeStack && typeof analyzeStack.requestDeserialize === "function") {
  const decode = analyzeStack.requestDeserialize;
  analyzeStack.requestDeserialize = (buffer) => readStackRequest(buffer) ?? decode(buffer);
}

module.exports = { readStackRequest };
