import * as assert from "node:assert/strict";
import { StackEncoder } from "../../../tools/check/analyzer/stack-encoder";
import type { PlannedResource } from "../../../tools/check/plan/planned-resource";
import { concludePlan } from "../../../tools/check/program/planned-stack";
import { alarm, cloudwatchGrant, provider, topic, topicArn, topicPolicy } from "../preflight/fixtures";

/** concludePlan over `resources`, each added to the encoder first, as the worker adds them; with the AnalyzeStack requests it handed on. */
function conclude(resources: PlannedResource[]) {
  const encoder = new StackEncoder();
  for (const resource of resources) encoder.add(resource);
  const stackRequests: Uint8Array[] = [];
  const planned = concludePlan("dev", resources, { tenants: [] }, encoder, (request) =>
    stackRequests.push(request),
  );
  return { planned, stackRequests };
}

/** Whether `value` holds bytes anywhere in it (the plan is data for the report, not a request's carrier). */
const holdsBytes = (value: unknown): boolean =>
  value instanceof Uint8Array ||
  (typeof value === "object" && value !== null && Object.values(value).some(holdsBytes));

/**
 * The plan the check hands on (tools/check/program/planned-stack.ts): the AWS preflight decides
 * whether there is anything to judge. What each preflight rule says is proved in test/unit/preflight/.
 */
describe("concluding a plan", () => {
  it("stops at what AWS would refuse, as input errors, with no summary and no AnalyzeStack request", () => {
    const { planned, stackRequests } = conclude([provider(), topic, topicPolicy([]), alarm([topicArn])]);
    assert.equal(planned.refused.length, 1);
    assert.equal(planned.refused[0].file, "program bug");
    assert.match(planned.refused[0].message, /^SNS would drop its notifications/);
    assert.equal(planned.plan, undefined);
    assert.deepEqual(stackRequests, []);
  });

  it("summarizes a plan AWS would accept and hands its AnalyzeStack request on, keeping none of it", () => {
    const { planned, stackRequests } = conclude([
      provider(),
      topic,
      topicPolicy([cloudwatchGrant]),
      alarm([topicArn]),
    ]);
    assert.deepEqual(planned.refused, []);
    assert.ok(planned.plan);
    assert.equal(stackRequests.length, 1);
    assert.ok(stackRequests[0].byteLength > 0);
    assert.ok(!holdsBytes(planned), "the plan holds request bytes");
    assert.deepEqual(
      planned.resources.map((resource) => resource.name),
      ["account-shared", "claims-alerts", "claims-alerts-policy", "claims-chatbot-throttles"],
    );
  });
});
