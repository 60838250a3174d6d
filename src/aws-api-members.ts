/**
 * Which AWS API request member each Pulumi input of the program's resource types becomes: the
 * `api` field of each type's spec (src/aws-types/). `npm run gen:aws-rules -- <models-dir>` reads
 * them (src/aws-resource-specs.ts: `resourceApiMappings`), resolves every API
 * path in the botocore model of its operation, and writes the constraints it finds (lengths,
 * patterns, enums, list sizes, required members) to `src/data/aws-rules.json`.
 *
 * Paths: a Pulumi path is the input's property path, `[]` for each element of a list, `{key}` /
 * `{value}` for the keys / values of a map (Pulumi's `tags` map is AWS's list of `{Key, Value}`).
 * An API path starts inside the operation's request shape, `[]` for each element of a list.
 * Names follow the terraform-provider-aws resource that turns each input into the request.
 */
export interface ResourceApiMapping {
  /** `<botocore service file>:<operation>`, e.g. `bedrock:CreateInferenceProfile`. */
  operation: string;
  /** Pulumi input path → API member path. */
  members: Readonly<Record<string, string>>;
  /** Required request members the provider fills in itself (the account id from its credentials). */
  filledByProvider?: readonly string[];
}

/** A `tags` map becomes the operation's tag list of `{<key>, <value>}` members. */
export const tagMembers = (list: string, key = "Key", value = "Value"): Record<string, string> => ({
  tags: list,
  "tags{key}": `${list}[].${key}`,
  "tags{value}": `${list}[].${value}`,
});
