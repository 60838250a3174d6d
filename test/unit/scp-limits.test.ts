import { strict as assert } from "node:assert";
import { planStack, types } from "../helpers/program";
import { scpLimitProblems } from "../../tools/check/preflight/scp-limits";

describe("SCP limits over a plan (tools/check/preflight/scp-limits.ts, for the AWS preflight)", () => {
  it("accepts the shipped org plan, and names an SCP over 5,120 characters and a target past 5 SCPs", async () => {
    const plan = await planStack("org");
    assert.deepEqual(scpLimitProblems(plan.resources), []);

    const scp = plan.byType(types.scp)[0];
    const oversized = {
      ...scp,
      inputs: { ...scp.inputs, content: `${String(scp.inputs.content)}${" ".repeat(5000)}` },
    };
    const resources = plan.resources.map((resource) => (resource === scp ? oversized : resource));
    const [problem, ...rest] = scpLimitProblems(resources);
    assert.equal(problem.urn, scp.urn);
    assert.match(
      problem.message,
      /^the SCP "bedrock-[a-z-]+" is [\d,]+ characters; AWS Organizations allows 5,120/,
    );
    assert.deepEqual(rest, []);

    const crowded = scpLimitProblems(plan.resources, 3);
    assert.equal(crowded.length, 1);
    assert.match(
      crowded[0].message,
      /^ou-exam-12345678 would have 6 SCPs attached \(3 from this stack, 3 already there/,
    );
  });
});
