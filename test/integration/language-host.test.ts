import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { EngineStub } from "../../tools/check/analyzer/engine-stub";
import { configFor, planStack, project, projectDir } from "../helpers/program";
import { ResourceMonitorStub } from "../helpers/resource-monitor";

/**
 * The real program launched as `pulumi preview` and `pulumi up` launch it: the Node language host
 * (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go, `constructArguments`,
 * `constructConfig`, `execRuntime`) runs `node <@pulumi/pulumi/cmd/run> --monitor --engine
 * --organization --project --root-directory --stack --pwd [--dry-run] --parallel <entry point>`
 * with `PULUMI_CONFIG` (keys rewritten `<namespace>:config:<name>`), `PULUMI_CONFIG_SECRET_KEYS`
 * and, for `typescript: true` (Pulumi.yaml), `PULUMI_NODEJS_TYPESCRIPT=true`. The one departure:
 * `PULUMI_NODEJS_TRANSPILE_ONLY=true` (an environment variable the host passes through), because
 * type checking is `npm run typecheck`'s job and would triple this test's time. Against a
 * ResourceMonitor served here, the program must register exactly what the offline check registers.
 */
const unknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

async function launch(stack: string, dryRun: boolean) {
  const monitor = await ResourceMonitorStub.start({ stack, project, dryRun });
  const engine = await EngineStub.start();
  try {
    const config = Object.fromEntries(
      Object.entries(configFor(stack)).map(([key, value]) => {
        const at = key.indexOf(":");
        return [`${key.slice(0, at)}:config:${key.slice(at + 1)}`, value];
      }),
    );
    const args = [
      require.resolve("@pulumi/pulumi/cmd/run"),
      "--monitor",
      monitor.address,
      "--engine",
      engine.address,
      "--organization",
      "organization",
      "--project",
      project,
      "--root-directory",
      projectDir,
      "--stack",
      stack,
      "--pwd",
      projectDir,
      ...(dryRun ? ["--dry-run"] : []),
      "--parallel",
      "16",
      ".",
    ];
    const env = {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(config),
      PULUMI_CONFIG_SECRET_KEYS: "[]",
      PULUMI_NODEJS_TYPESCRIPT: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, args, {
        cwd: projectDir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      // Never outlive the test: a program that hangs is killed and reported with what it printed.
      const timer = setTimeout(() => child.kill(), 200_000);
      child.on("close", (exitCode) => {
        clearTimeout(timer);
        resolve({ code: exitCode, output });
      });
    });
    const errors = engine.logs.filter((entry) => entry.severity === "error").map((entry) => entry.message);
    assert.equal(code, 0, `${output}\n${errors.join("\n")}`);
    return monitor.registrations;
  } finally {
    await Promise.all([monitor.stop(), engine.close()]);
  }
}

const shape = (registrations: Array<{ urn: string; type: string; parent?: string; custom: boolean }>) =>
  registrations
    .filter((registration) => registration.type !== "pulumi:pulumi:Stack")
    .map(
      (registration) =>
        `${registration.urn} parent=${registration.parent ?? ""} custom=${registration.custom}`,
    )
    .sort();

describe("the program launched as the Node language host launches it (@pulumi/pulumi/cmd/run)", function () {
  this.timeout(240_000);

  it("registers what the check registers, in preview (new outputs unknown) and in an update", async () => {
    const [preview, update, check] = await Promise.all([
      launch("dev", true),
      launch("dev", false),
      planStack("dev"),
    ]);
    const expected = shape(
      check.resources.map((resource) => ({ ...resource, parent: resource.parent ?? "" })),
    );
    assert.deepEqual(shape(preview), expected);
    assert.deepEqual(shape(update), expected);
    // The preview really ran with unknown outputs: the invoke policies embed profile ARNs not known yet.
    const unknownIn = (registrations: typeof preview) =>
      registrations.filter((registration) => JSON.stringify(registration.inputs).includes(unknownSentinel))
        .length;
    assert.ok(unknownIn(preview) > 0, "no input was unknown in preview");
    assert.equal(unknownIn(update), 0);
  });
});
