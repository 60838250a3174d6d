/**
 * The pack's registry: definePolicy adds each policy here as its file defines it, as
 * pulumi-policy-aws's policy manager does (`registerPolicy` next to each policy) and checkov's
 * checks do (`resource_registry.register(self)`). Nothing lists the policies by hand: the pack
 * loads every file of rules/ (lib/policy-directory.ts) and serves what they registered.
 */
import type { PackPolicy } from "./define-policy";

const defined: PackPolicy[] = [];

/** Adds `policy` to the registry; definePolicy calls it, nothing else should. */
export function register<P extends PackPolicy>(policy: P): P {
  defined.push(policy);
  return policy;
}

/** Every policy defined in this process so far, in the order they were defined. */
export function definedPolicies(): readonly PackPolicy[] {
  return [...defined];
}
