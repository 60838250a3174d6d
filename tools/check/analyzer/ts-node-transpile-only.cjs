"use strict";
/**
 * Preloaded (`node --require`) into the policy pack process by the offline check (pack-process.ts).
 * It relies on an SDK internal: tools/check/sdk-internals.ts checks that run-policy-pack still
 * registers ts-node this way (hook "run-policy-pack ts-node registration").
 *
 * `@pulumi/pulumi/cmd/run-policy-pack` always registers ts-node with `typeCheck: true` (unlike
 * `cmd/run`, it ignores PULUMI_NODEJS_TRANSPILE_ONLY), so every start type-checks the pack against
 * the whole SDK, the slowest part of its start. The pack is type-checked in CI (`tsc -p policies`);
 * here, when PULUMI_NODEJS_TRANSPILE_ONLY=true, the same registration is made transpile-only.
 * Nothing else about how the pack is loaded and served changes.
 */
const runPolicyPackDir = process.env.BEDROCK_CHECK_RUN_POLICY_PACK_DIR;
if (process.env.PULUMI_NODEJS_TRANSPILE_ONLY === "true" && runPolicyPackDir) {
  let tsNode;
  try {
    // The very module run-policy-pack will require (resolved from its directory).
    tsNode = require(require.resolve("ts-node", { paths: [runPolicyPackDir] }));
  } catch {
    tsNode = undefined; // the SDK then falls back to its vendored ts-node, type-checking as usual
  }
  if (tsNode && typeof tsNode.register === "function") {
    const register = tsNode.register;
    tsNode.register = (options) => register({ ...options, typeCheck: false, transpileOnly: true });
  }
}

// The host stops the pack with SIGTERM; exiting normally lets node write what flags asked for
// (`--cpu-prof`, `--heap-prof` through BEDROCK_CHECK_PACK_NODE_FLAGS) instead of dying on the signal.
process.once("SIGTERM", () => process.exit(0));
