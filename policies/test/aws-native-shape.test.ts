/**
 * real @pulumi/aws-native resources, registered under mocks, judged in the shape the
 * engine sends them (in-process here; over the Analyzer protocol from the tarball in standalone-pack.test.ts).
 */
import * as assert from "node:assert/strict";
import { policies } from "../policies";
import { resourceArgs, runResourcePolicy } from "./helpers/policy-args";
import {
  type Registered,
  expectedNativeViolations,
  nativeStack,
  registerNative,
} from "./helpers/native-resources";

describe("aws-native resources as the engine sends them", function () {
  this.timeout(60_000);
  let registered: Registered[];

  before(async () => {
    registered = await registerNative(nativeStack);
  });

  it("registers the provider's own type tokens", () => {
    assert.deepEqual([...new Set(registered.map((resource) => resource.type))].sort(), [
      "aws-native:bedrock:ApplicationInferenceProfile",
      "aws-native:iam:ManagedPolicy",
      "aws-native:iam:Role",
    ]);
  });

  it("judges each as expected: untagged profile, AmazonBedrockFullAccess attached, direct grants", async () => {
    const resourcePolicies = policies.filter((policy) => "validateResource" in policy);
    for (const resource of registered) {
      const broken: string[] = [];
      for (const policy of resourcePolicies) {
        const outcome = await runResourcePolicy(
          policy,
          resourceArgs(policy, { type: resource.type, name: resource.name, props: resource.inputs }),
        );
        if (outcome.violations.length > 0) broken.push(policy.name);
      }
      assert.deepEqual(
        broken,
        expectedNativeViolations[resource.name],
        `${resource.name}: ${broken.join(", ")}`,
      );
    }
  });
});
