/**
 * One check run in-process (`runCheck`, what the CLI calls): its wiring that a report does not
 * show. The CLI's own wiring is test/integration/check-cli.test.ts; the reports' texts are
 * test/unit/check-report/.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { stackConfigSchema } from "../../src/config";
import { tenantSchema } from "../../src/tenant";
import { runCheck } from "../../tools/check/check";
import { readStackConfigFile } from "../../tools/stack-config-file";
import { type WorkerMessage, planStack } from "../../tools/check/program/worker-plan";
import { packDir } from "../helpers/policy-pack";
import { configFor, project, projectDir } from "../helpers/program";
import { TenantFixture, validTenant } from "../helpers/tenant-fixtures";

/** Counts, while `run` runs in this thread, the stack config's and the tenants' validations and the tenant files read. */
async function countValidations<T>(tenantsDir: string, run: () => Promise<T>) {
  const counts = { stackConfig: 0, tenants: 0, tenantFileReads: new Map<string, number>() };
  const spies = [
    spy(stackConfigSchema, "safeParse", () => counts.stackConfig++),
    spy(tenantSchema, "safeParse", () => counts.tenants++),
    // The module object itself: what `import * as fs` gives is a view of it, read on each use.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    spy(require("node:fs") as typeof fs, "readFileSync", (file: unknown) => {
      const name = String(file);
      if (name.startsWith(tenantsDir))
        counts.tenantFileReads.set(name, (counts.tenantFileReads.get(name) ?? 0) + 1);
    }),
  ];
  try {
    return { result: await run(), counts };
  } finally {
    for (const restore of spies) restore();
  }
}

/** Wraps `target[method]` to call `seen` with its arguments first; returns the function that puts it back. */
function spy<T extends object, K extends keyof T>(
  target: T,
  method: K,
  seen: (...args: never[]) => void,
): () => void {
  const original = target[method] as (...args: unknown[]) => unknown;
  (target as Record<K, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    (seen as (...args: unknown[]) => void)(...args);
    return original.apply(this, args);
  };
  return () => {
    (target as Record<K, unknown>)[method] = original;
  };
}

describe("one check run (runCheck)", function () {
  this.timeout(120_000);

  /** A project of the shipped stack files, dev's mandatoryTags narrowed to three, and two tenants tagged for those only. */
  function narrowedProject(): TenantFixture {
    const tags = { dept: "claims" };
    const fixture = new TenantFixture({
      "claims.ts": validTenant({ name: "claims", tags }),
      "risk.ts": validTenant({ name: "risk", tags }),
    });
    for (const file of fs.readdirSync(projectDir).filter((name) => /^Pulumi\.(\w+\.)?yaml$/.test(name))) {
      const text = fs.readFileSync(path.join(projectDir, file), "utf8");
      fs.writeFileSync(
        path.join(fixture.root, file),
        file === "Pulumi.dev.yaml"
          ? text.replace(/mandatoryTags: \[.*\]/, "mandatoryTags: [tenant, environment, dept]")
          : text,
      );
    }
    return fixture;
  }

  it("validates the stack config and reads each tenant file once, in the program's worker, and hands the stack's mandatoryTags to the pack", async () => {
    const fixture = narrowedProject();
    const tenantFiles = ["claims.ts", "risk.ts"].map((name) => path.join(fixture.dir, name));

    // The main thread: it starts the pack and the worker, and validates nothing itself.
    const { result: report, counts: mainThread } = await countValidations(fixture.dir, () =>
      runCheck({ projectDir: fixture.root, packDir, stack: "dev", tenantsDir: fixture.dir }),
    );
    assert.deepEqual(report.errors, []);
    assert.deepEqual(mainThread, { stackConfig: 0, tenants: 0, tenantFileReads: new Map() });
    // Tenants tagged for the stack's three tags only pass: the pack judged with the stack's list, not its own six.
    assert.deepEqual(report.violations, []);

    // The worker's side, run in this thread so it can be counted: one validation, then the program.
    const messages: WorkerMessage[] = [];
    const stackFile = readStackConfigFile(fixture.root, "dev");
    assert.ok(!("errors" in stackFile));
    const config = configFor("dev", { config: stackFile.config, tenantsDir: fixture.dir });
    const { counts: worker } = await countValidations(fixture.dir, () =>
      planStack(
        {
          programDir: fixture.root,
          project,
          stack: "dev",
          config,
          configFile: "Pulumi.dev.yaml",
        },
        (message) => messages.push(message),
      ),
    );
    assert.ok(
      messages.some((message) => "planned" in message),
      JSON.stringify(messages.filter((message) => !("analyze" in message))),
    );
    assert.deepEqual(worker, {
      stackConfig: 1,
      tenants: tenantFiles.length,
      tenantFileReads: new Map(tenantFiles.map((file) => [file, 1])),
    });
    assert.deepEqual(
      messages.find((message) => "validated" in message),
      { validated: { mandatoryTags: ["tenant", "environment", "dept"] } },
    );
  });

  it("answers bad input without waiting for the pack: a start still under way is aborted", async () => {
    const fixture = new TenantFixture({
      "broken.ts": validTenant({ name: "broken", budget: { monthlyUsd: -1 } }),
    });
    // A pack start that ends only when the check aborts it: waited for, the run would never end.
    const controller = new AbortController();
    const host = new Promise<never>((_, reject) =>
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason)),
    );
    host.catch(() => undefined);
    const report = await runCheck({
      projectDir,
      packDir,
      stack: "dev",
      tenantsDir: fixture.dir,
      packStarting: { host, controller },
    });
    assert.deepEqual(
      report.errors.map((error) => `${path.basename(error.file)}: ${error.path}`),
      ["broken.ts: budget.monthlyUsd"],
    );
    assert.ok(controller.signal.aborted);
  });
});
