import * as assert from "node:assert/strict";
import * as path from "node:path";
import { StackEncoder } from "../../tools/check/analyzer/stack-encoder";
import { concludePlan } from "../../tools/check/program/planned-stack";
import { runProgram } from "../../tools/check/program/program-runner";
import { planInWorker } from "../../tools/check/program/program-worker";
import { validateStackInputs } from "../../src/stack";
import { configFor, project, projectDir } from "../helpers/program";
import { useTenantFixtures, validTenant } from "../helpers/tenant-fixtures";

describe("the plan in a worker thread (what npm run check runs)", () => {
  const tenants = useTenantFixtures();
  /** The plan, with what reached the sink: each Analyze request, then AnalyzeStack's under the urn "stack". */
  const plan = (config: Record<string, string>, analyzed: Array<{ urn: string; request: Buffer }> = []) =>
    planInWorker(
      { programDir: projectDir, project, stack: "dev", config, configFile: "Pulumi.dev.yaml" },
      {
        analyze: (urn, request) => analyzed.push({ urn, request: Buffer.from(request) }),
        analyzeStack: (request) => analyzed.push({ urn: "stack", request: Buffer.from(request) }),
      },
    );

  it("sends, byte for byte, the Analyze and AnalyzeStack requests and the plan the in-process runner's resources make", async () => {
    const fixture = tenants({
      "claims.ts": validTenant({ name: "claims" }),
      "risk.ts": validTenant({ name: "risk" }),
    });
    const config = configFor("dev", { tenantsDir: fixture.dir });
    const analyzed: Array<{ urn: string; request: Buffer }> = [];
    const inWorker = await plan(config, analyzed);
    assert.ok(!("errors" in inWorker), JSON.stringify(inWorker));

    const run = await runProgram({ programDir: projectDir, project, stack: "dev", config });
    const inputs = validateStackInputs(config, "Pulumi.dev.yaml", projectDir);
    assert.ok(!("errors" in inputs));
    const encoder = new StackEncoder();
    const expected = run.resources.flatMap((resource) => {
      const request = encoder.add(resource);
      return request ? [{ urn: resource.urn, request: Buffer.from(request) }] : [];
    });
    const inProcess = concludePlan("dev", run.resources, inputs, encoder, (request) =>
      expected.push({ urn: "stack", request: Buffer.from(request) }),
    );

    assert.ok(analyzed.length > 10, `only ${analyzed.length} Analyze requests`);
    assert.deepEqual(analyzed, expected);
    const withoutTimes = ({ preflightMs: _, ...rest }: typeof inProcess) => rest;
    assert.deepEqual(withoutTimes(inWorker), withoutTimes(inProcess));
    assert.equal(inWorker.resources.length, run.resources.length);
  });

  it("returns bad input as errors naming the file and key, before the program runs", async () => {
    const config = configFor("dev", { tenantsDir: path.join(tenants({}).root, "does-not-exist") });
    const analyzed: Array<{ urn: string; request: Buffer }> = [];
    const result = await plan(config, analyzed);
    assert.ok("errors" in result);
    assert.equal(result.errors[0].file, "Pulumi.dev.yaml");
    assert.equal(result.errors[0].path, "bedrock-cost-governance:tenantsDir");
    assert.match(result.errors[0].message, /no such directory/);
    assert.deepEqual(analyzed, []);
  });

  it("rejects with the worker's own error, its name and message, when planning throws", async () => {
    // No config at all: reading it throws in the worker, as an SDK or program failure would.
    await assert.rejects(
      planInWorker(
        {
          programDir: projectDir,
          project,
          stack: "dev",
          config: null as unknown as Record<string, string>,
          configFile: "Pulumi.dev.yaml",
        },
        { analyze: () => undefined, analyzeStack: () => undefined },
      ),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.equal(error.name, "TypeError");
        assert.match(error.message, /null/);
        return true;
      },
    );
  });
});
