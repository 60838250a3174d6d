import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { PlannedResource } from "../../tools/check/plan/planned-resource";
import { runProgram } from "../../tools/check/program/program-runner";
import { runProgramInWorker } from "../../tools/check/program/program-worker";
import { configFor, project, projectDir } from "../helpers/program";
import { useTenantFixtures, validTenant } from "../helpers/tenant-fixtures";

describe("the program in a worker thread (what npm run check runs)", () => {
  const tenants = useTenantFixtures();

  it("streams exactly the registrations the in-process runner records, in order", async () => {
    const fixture = tenants({
      "claims.ts": validTenant({ name: "claims" }),
      "risk.ts": validTenant({ name: "risk" }),
    });
    const config = configFor("dev", { tenantsDir: fixture.dir });
    const streamed: PlannedResource[] = [];
    const inWorker = await runProgramInWorker({
      programDir: projectDir,
      project,
      stack: "dev",
      config,
      onResource: (resource) => streamed.push(resource),
    });
    const inProcess = await runProgram({ programDir: projectDir, project, stack: "dev", config });
    assert.ok(inWorker.length > 10, `only ${inWorker.length} resources`);
    assert.deepEqual(inWorker, inProcess.resources);
    assert.deepEqual(streamed, inWorker);
  });

  it("rejects with the program's own error when the program fails", async () => {
    const config = configFor("dev", { tenantsDir: path.join(tenants({}).root, "does-not-exist") });
    await assert.rejects(
      runProgramInWorker({ programDir: projectDir, project, stack: "dev", config }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.equal(error.name, "StackInputError");
        assert.match(error.message, /bedrock-cost-governance:tenantsDir: no such directory/);
        return true;
      },
    );
  });
});
