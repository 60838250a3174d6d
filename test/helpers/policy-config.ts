import * as assert from "node:assert/strict";
import {
  type PolicyPackConfig,
  type PolicyPackInfo,
  parsePolicyConfig,
} from "../../tools/check/analyzer/policy-config";
import type { InputError } from "../../src/validation";

/** A --policy-pack-config document the pack must accept; fails with the errors when refused. */
export function acceptedPolicyConfig(json: unknown, file: string, info: PolicyPackInfo): PolicyPackConfig {
  const parsed = parsePolicyConfig(json, file, info);
  assert.ok("config" in parsed, JSON.stringify(parsed));
  return parsed.config;
}

/** A --policy-pack-config document the pack must refuse: its errors, in the order they are reported. */
export function refusedPolicyConfig(json: unknown, file: string, info: PolicyPackInfo): InputError[] {
  const parsed = parsePolicyConfig(json, file, info);
  assert.ok("errors" in parsed, `accepted: ${JSON.stringify(json)}`);
  return parsed.errors;
}
