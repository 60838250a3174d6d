/**
 * Where a resource lives, when known: the Region and account of its ARN output, else its own
 * `region` (aws v7) and its provider's `region` and `allowedAccountIds` (a list, or the JSON text
 * the engine hands a provider's non-string inputs as). Undefined while not known (preview).
 */
import type { StackResource } from "./policy";
import { at, decodeJson, plain, text } from "./values";

const arnKeys = ["arn", "inferenceProfileArn", "alarmArn"];

function arnPart(resource: StackResource, index: 3 | 4): string | undefined {
  for (const key of arnKeys) {
    const arn = text(at(resource.props, key));
    if (typeof arn === "string" && arn.startsWith("arn:")) {
      const part = arn.split(":")[index];
      if (part) return part;
    }
  }
  return undefined;
}

export function regionOf(resource: StackResource): string | undefined {
  const fromArn = arnPart(resource, 3);
  if (fromArn) return fromArn;
  const own = text(at(resource.props, "region"));
  if (typeof own === "string" && own !== "") return own;
  const provider = text(at(plain(resource.provider?.props), "region"));
  return typeof provider === "string" && provider !== "" ? provider : undefined;
}

export function accountOf(resource: StackResource): string | undefined {
  const fromArn = arnPart(resource, 4);
  if (fromArn) return fromArn;
  let ids = at(plain(resource.provider?.props), "allowedAccountIds");
  if (typeof ids === "string") {
    const decoded = decodeJson(ids);
    ids = typeof decoded === "object" && "value" in decoded ? decoded.value : undefined;
  }
  return Array.isArray(ids) && ids.length === 1 && typeof ids[0] === "string" ? ids[0] : undefined;
}
