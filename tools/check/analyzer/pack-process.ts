import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { packNodeFlags } from "../performance";
import { runPolicyPackDir } from "../sdk-internals";

export interface PackProcessOptions {
  /**
   * Type-check the pack on start, exactly as the Pulumi CLI's ts-node registration does (slow: the
   * whole SDK is checked). Default false: transpile only; CI type-checks the pack with `tsc -p policies`.
   */
  typeCheck?: boolean;
  /** Give up on a pack that has not printed its port by then. Default 120 s. */
  startTimeoutMs?: number;
  /** Extra `node` flags for the pack process (e.g. `--cpu-prof` to profile the policies). */
  nodeFlags?: string[];
  /**
   * Stops a start no longer needed (the check found bad input first): the pack, still starting, is
   * killed and the start rejects with the signal's reason; a pack already serving is not touched.
   */
  signal?: AbortSignal;
}

const preload = path.join(__dirname, "ts-node-transpile-only.cjs");

/**
 * The policy pack's process, started the way the Pulumi CLI does (`pulumi-analyzer-policy`):
 * `node @pulumi/pulumi/cmd/run-policy-pack <engine-address> <packDir>` in the pack directory, with
 * the port it prints on stdout. Its stderr is kept (the last 64 KiB) to explain failures.
 */
export class PackProcess {
  private stderrTail = "";
  private exitListener?: () => void;

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-64 * 1024);
    });
    // The pack never outlives the check, whichever way the check ends.
    this.exitListener = () => child.kill("SIGKILL");
    process.once("exit", this.exitListener);
  }

  /** Starts the pack and waits for its port. */
  static async launch(
    packDir: string,
    engineAddress: string,
    options: PackProcessOptions = {},
  ): Promise<{ pack: PackProcess; port: number }> {
    options.signal?.throwIfAborted();
    // The pack's own @pulumi/pulumi, as the CLI resolves it (from the pack's node_modules).
    let runPolicyPack: string;
    try {
      runPolicyPack = runPolicyPackDir(packDir);
    } catch {
      // Node's own message names the module and a require stack, not the fix.
      throw new Error(
        `policy pack ${packDir} has no node_modules with @pulumi/pulumi: run \`npm install\` in ${packDir} first`,
      );
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // run-policy-pack drops its <engine-address> argument; the SDK's log module finds the engine here.
      PULUMI_NODEJS_ENGINE: engineAddress,
      BEDROCK_CHECK_RUN_POLICY_PACK_DIR: runPolicyPack,
    };
    if (options.typeCheck) delete env.PULUMI_NODEJS_TRANSPILE_ONLY;
    else env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    // A TypeScript loader of the parent (tsx under mocha) must not load the pack instead of the CLI's ts-node.
    if (env.NODE_OPTIONS)
      env.NODE_OPTIONS = env.NODE_OPTIONS.split(/\s+/)
        .filter((option) => !option.includes("tsx"))
        .join(" ");
    const args = [
      ...packNodeFlags,
      ...(options.nodeFlags ?? []),
      ...(process.env.BEDROCK_CHECK_PACK_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
      ...(options.typeCheck ? [] : ["--require", preload]),
      runPolicyPack,
      engineAddress,
      packDir,
    ];
    const child = spawn(process.execPath, args, { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"] });
    const pack = new PackProcess(child);
    try {
      const port = await pack.port(packDir, options.startTimeoutMs ?? 120_000, options.signal);
      return { pack, port };
    } catch (error) {
      pack.kill();
      throw error;
    }
  }

  /** The pack's last stderr lines, as a suffix for an error message ("" when it printed nothing). */
  get stderrLines(): string {
    const stderr = this.stderrTail.trim();
    return stderr ? `:\n${stderr.split("\n").slice(-20).join("\n")}` : "";
  }

  /** Everything the pack printed on stderr (the last 64 KiB). */
  get stderr(): string {
    return this.stderrTail;
  }

  /** Stops the pack: SIGTERM (so it can write what `--cpu-prof` asked for), SIGKILL after 2 s. */
  async stop(): Promise<void> {
    if (this.exitListener) process.off("exit", this.exitListener);
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.exitListener) process.off("exit", this.exitListener);
    this.child.kill("SIGKILL");
  }

  /**
   * The port the SDK's server prints as its first line (`console.log(port.toString())`); rejects when
   * the pack exits first, prints none in time, or `abort` fires.
   */
  private port(packDir: string, timeoutMs: number, abort?: AbortSignal): Promise<number> {
    const child = this.child;
    let stopWaiting: () => void = () => undefined;
    const waiting = new Promise<number>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(
        () =>
          reject(
            new Error(`policy pack ${packDir} printed no port within ${timeoutMs} ms${this.stderrLines}`),
          ),
        timeoutMs,
      );
      const aborted = () => reject(abort?.reason);
      stopWaiting = () => {
        clearTimeout(timer);
        abort?.removeEventListener("abort", aborted);
      };
      if (abort?.aborted) aborted();
      abort?.addEventListener("abort", aborted, { once: true });
      child.stdout?.setEncoding("utf8");
      child.stdout?.on("data", (chunk: string) => {
        stdout += chunk;
        const line = stdout.split("\n").find((candidate) => /^\d+$/.test(candidate.trim()));
        if (line !== undefined && stdout.includes("\n")) resolve(Number(line.trim()));
      });
      child.once("error", reject);
      child.once("exit", (code, signal) =>
        reject(
          new Error(
            `policy pack ${packDir} exited (${signal ?? `code ${code}`}) before serving${this.stderrLines}`,
          ),
        ),
      );
    });
    return waiting.finally(() => stopWaiting());
  }
}
