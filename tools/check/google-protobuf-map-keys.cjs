"use strict";
/**
 * Whether google-protobuf keeps a protobuf map entry with this key. Its `jspb.Map` (3.21.4, the
 * version @pulumi/pulumi and @pulumi/policy load) holds entries in a plain object,
 * `this.a[key.toString()] = entry`, and lists them by that object's own keys: an entry keyed
 * `__proto__` becomes the object's prototype instead and is never listed, neither by
 * `Struct.toJavaScript()` (which walks `getFieldsMap().forEach`) nor by a map field's `entries()`.
 * So a Struct round trip, and the policy SDK's reading of a request, never yield that key; the
 * check's shortcuts past google-protobuf (the mock monitor's round trip, the pack's lazy request
 * reader) drop it too, rather than let it become a prototype.
 *
 * CommonJS, with no dependency: the pack process loads it from a plain node preload.
 */
exports.keptByGoogleProtobuf = (key) => key !== "__proto__";
