/**
 * `object` with an own, enumerable key `__proto__` holding `value`, as `JSON.parse` or fast-check's
 * dictionaries make one (an object literal would set the prototype instead). google-protobuf's maps
 * drop such a key (tools/check/google-protobuf-map-keys.cjs); the tests hold the check's shortcuts
 * past google-protobuf to the same.
 */
export function withOwnProtoKey<T extends object>(value: unknown, object: T = {} as T): T {
  return Object.defineProperty(object, "__proto__", { value, enumerable: true });
}
