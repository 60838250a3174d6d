/**
 * Properties of the invoke rule over random statements: a grant conditioned on application profile
 * ARNs is never a violation, whatever else it says, and a Deny never makes a document worse. The
 * differential test (differential.test.ts) checks the verdicts themselves against the IAM simulator.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { bedrockInvokeThroughProfiles as policy } from "../rules/bedrock-invoke-through-profiles";
import { types } from "../lib/resource-types";
import { statement, runs } from "./helpers/arbitraries";
import { resourceArgs, runResourcePolicy } from "./helpers/policy-args";
import { profileArn } from "./helpers/policy-fixtures";

describe("#bedrock-invoke-through-profiles properties (property-based)", () => {
  it("a statement conditioned on application profile ARNs never violates, whatever its actions and resources", async () => {
    await fc.assert(
      fc.asyncProperty(statement, async (random) => {
        const conditioned = {
          ...random,
          Effect: "Allow",
          Condition: { StringEquals: { "bedrock:InferenceProfileArn": [profileArn] } },
        };
        const outcome = await runResourcePolicy(
          policy,
          resourceArgs(policy, {
            type: types.iamPolicy,
            props: { policy: JSON.stringify({ Statement: [conditioned] }) },
          }),
        );
        assert.deepEqual(outcome.violations, []);
      }),
      runs,
    );
  });

  it("adding a Deny statement never adds a violation", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { maxLength: 4 }), statement, async (statements, extra) => {
        const judge = async (list: unknown[]) =>
          (
            await runResourcePolicy(
              policy,
              resourceArgs(policy, { type: types.iamPolicy, props: { policy: { Statement: list } } }),
            )
          ).violations.length;
        const deny = { ...extra, Effect: "Deny" };
        assert.ok((await judge([...statements, deny])) <= (await judge(statements)));
      }),
      runs,
    );
  });
});
