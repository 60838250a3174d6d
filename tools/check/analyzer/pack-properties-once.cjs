"use strict";
/**
 * Preloaded (`node --require`) into the policy pack process by the offline check (the flags of
 * `packNodeFlags` in tools/check/performance.ts). It relies on SDK internals that
 * tools/check/sdk-internals.ts checks (hook "policy SDK reads an Analyze request's properties").
 *
 * For every resource policy that is not limited to one type, the policy SDK (`@pulumi/policy`
 * server.js, `makeAnalyzeRpcFun`) converts the request's properties Struct to JavaScript again
 * (`deserializeProperties(req.getProperties())`, which calls `toJavaScript()`), before the policy
 * can say the resource is not its type; and the resource's provider's Struct too. Its
 * `deserializeProperties` only reads that JavaScript and copies it into fresh objects, so the
 * conversion of one request's Struct is done once here and handed out again: the policies see the
 * same values, each its own copy, as before. Only an Analyze request's Structs (and its provider's)
 * are remembered, for as long as the request itself lives; AnalyzeStack's thousands of resources are
 * left as they are, so the pack's peak (AnalyzeStack) holds nothing more.
 */
const path = require("node:path");

function analyzerMessages() {
  try {
    // The policy SDK's own @pulumi/pulumi, as it resolves it from the pack's directory.
    const policyDir = path.dirname(
      require.resolve("@pulumi/policy/package.json", { paths: [process.cwd()] }),
    );
    return require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }));
  } catch {
    return undefined; // no SDK where expected: the pack then fails to start with its own error
  }
}

/** Makes `struct.toJavaScript()` convert once and answer the same object after. */
function convertOnce(struct) {
  if (struct && !Object.prototype.hasOwnProperty.call(struct, "toJavaScript")) {
    const convert = struct.toJavaScript;
    let plain;
    struct.toJavaScript = function () {
      return (plain ??= convert.call(this));
    };
  }
  return struct;
}

const messages = analyzerMessages();
const request = messages?.AnalyzeRequest?.prototype;
if (request && typeof request.getProperties === "function" && typeof request.getProvider === "function") {
  const getProperties = request.getProperties;
  const getProvider = request.getProvider;
  request.getProperties = function () {
    return convertOnce(getProperties.call(this));
  };
  request.getProvider = function () {
    const provider = getProvider.call(this);
    if (provider && !Object.prototype.hasOwnProperty.call(provider, "getProperties")) {
      const getProviderProperties = provider.getProperties;
      provider.getProperties = function () {
        return convertOnce(getProviderProperties.call(this));
      };
    }
    return provider;
  };
}
