/**
 * A value as Go's `json.Marshal` writes it, which is how the Pulumi CLI hands a program a
 * structured config value: the stack file's YAML becomes the config package's `object`, whose
 * `MarshalString` is `json.Marshal` of a Go `map[string]any` (pulumi/pulumi
 * sdk/go/common/resource/config/object.go, `MarshalString` and `MarshalJSON`; value.go,
 * `UnmarshalYAML`). Go writes a map's keys sorted, by bytes, at every depth, and escapes `<`,
 * `>`, `&`, U+2028 and U+2029 in strings so the JSON can sit in HTML (the doc of `Marshal`,
 * https://go.googlesource.com/go/+/refs/heads/master/src/encoding/json/encode.go). A program so
 * reads a map's entries in key order under `pulumi up` whatever order the YAML wrote them in.
 */
export function goJsonMarshal(value: unknown): string {
  return JSON.stringify(sortedKeys(value)).replace(/[<>&\u2028\u2029]/g, (char) => goEscapes[char]);
}

const goEscapes: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** Go sorts by the keys' UTF-8 bytes (code points), not by UTF-16 code units as `sort()` does. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort(byBytes)
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
