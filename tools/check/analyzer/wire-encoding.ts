/**
 * Analyzer requests as protobuf bytes, built once per resource when it is registered.
 *
 * google-protobuf builds a message object (with its own arrays) for every value of a Struct; for
 * the AnalyzeStack request of a thousand tenants that was an object per value, most of the host's
 * garbage collection, and time in which the pack sat idle. Here each resource is encoded on
 * arrival: its Struct straight from plain JSON with protobufjs's Writer, the rest of the message
 * (strings, options, provider) by the generated classes. The queue and the stack then hold bytes.
 */
import { Writer } from "protobufjs/minimal";

// google/protobuf/struct.proto: Struct.fields = 1 (map entries: key = 1, value = 2); Value.null_value = 1,
// number_value = 2, string_value = 3, bool_value = 4, struct_value = 5, list_value = 6; ListValue.values = 1.
export const tag = (field: number, wireType: 0 | 1 | 2) => (field << 3) | wireType;
const structField = tag(1, 2);
const entryKey = tag(1, 2);
const entryValue = tag(2, 2);
const nullValue = tag(1, 0);
const numberValue = tag(2, 1);
const stringValue = tag(3, 2);
const boolValue = tag(4, 0);
const structValue = tag(5, 2);
const listValue = tag(6, 2);
const listItem = tag(1, 2);

/**
 * The bytes of `google.protobuf.Struct.fromJavaScript(value)`: `value` must be plain JSON (what
 * `toWire` returns). Keys whose value is `undefined` are left out, as JSON does.
 */
export function encodeStruct(value: Record<string, unknown>): Uint8Array {
  const writer = Writer.create();
  writeFields(writer, value);
  return writer.finish();
}

/** The fields of a Struct holding `record` (plain JSON), written into the message `writer` is in. */
export function writeFields(writer: Writer, record: Record<string, unknown>): void {
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === undefined) continue;
    writer.uint32(structField).fork().uint32(entryKey).string(key).uint32(entryValue).fork();
    writeValue(writer, item);
    writer.ldelim().ldelim();
  }
}

function writeValue(writer: Writer, value: unknown): void {
  if (value === null || value === undefined) writer.uint32(nullValue).uint32(0);
  else if (typeof value === "number") writer.uint32(numberValue).double(value);
  else if (typeof value === "string") writer.uint32(stringValue).string(value);
  else if (typeof value === "boolean") writer.uint32(boolValue).bool(value);
  else if (Array.isArray(value)) {
    writer.uint32(listValue).fork();
    for (const item of value) {
      writer.uint32(listItem).fork();
      writeValue(writer, item);
      writer.ldelim();
    }
    writer.ldelim();
  } else if (typeof value === "object") {
    writer.uint32(structValue).fork();
    writeFields(writer, value as Record<string, unknown>);
    writer.ldelim();
  } else writer.uint32(nullValue).uint32(0);
}

/** A repeated message field (`field`) holding each of `messages`: AnalyzeStackRequest.resources. */
export function repeatedField(field: number, messages: Iterable<Uint8Array>): Uint8Array {
  const writer = Writer.create();
  for (const message of messages) writer.uint32(tag(field, 2)).bytes(message);
  return writer.finish();
}
