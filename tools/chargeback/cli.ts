import * as path from "node:path";
import { type ChargebackOptions, type Format, parseChargebackArgs, usage } from "./args";
import { renderCsv } from "./render-csv";
import { renderHtml } from "./render-html";
import { renderJson } from "./render-json";
import { renderMarkdown } from "./render-markdown";
import { renderText } from "./render-text";
import { type ChargebackReport, exitCodeOf, exitCodes } from "./report";
import { trendRenderers } from "./render-trend";
import { trendExitCode } from "./trend";
import { parseFlagsOrExit } from "../cli-flags";
import { emitReport } from "../report-output";
import { runCli } from "../cli-exit";
import { startProgress } from "../progress";
import { type CliIo, processIo } from "../cli-io";

const projectDir = path.resolve(__dirname, "..", "..");
const renderers: Record<Format, (report: ChargebackReport) => string> = {
  text: renderText,
  markdown: renderMarkdown,
  json: renderJson,
  csv: renderCsv,
  html: renderHtml,
};

/** `CHARGEBACK_NOW` (ISO time) fixes "now" for tests of a month in progress and of the default month. */
function currentTime(env: NodeJS.ProcessEnv): Date {
  const fixed = env.CHARGEBACK_NOW;
  const now = fixed ? new Date(fixed) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`CHARGEBACK_NOW: not a date: "${fixed}"`);
  return now;
}

/** The flags and the "now" they were read against (the default month depends on it). */
function readCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): ChargebackOptions & { now: Date } {
  const now = currentTime(env);
  return { ...parseChargebackArgs(argv, now), now };
}

/** The source a run reads, as its progress line names it. */
function sourceName(options: ChargebackOptions): string {
  if (options.athena) return `Amazon Athena (${options.athena.database}.${options.athena.table})`;
  if (options.cur.length > 0) return "the Data Export";
  return "Cost Explorer";
}

/**
 * `npm run chargeback` with these arguments and environment, writing to `io`: the exit code it ends
 * with. The process's own streams and environment unless a test runs it in-process (AWS settings
 * are read by the AWS SDK from `process.env` whatever `env` is).
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = processIo(),
): Promise<number> {
  const flags = parseFlagsOrExit(
    "chargeback",
    usage,
    () => readCommandLine(argv, env),
    { help: exitCodes.written, invalidInput: exitCodes.invalidInput },
    io,
  );
  if (typeof flags === "number") return flags;
  const { now, ...options } = flags;
  // Loaded only now: DuckDB and the AWS SDK take a while to load, and --help or a bad flag should not wait.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runChargeback } = require("./chargeback") as typeof import("./chargeback");
  // The sources can take minutes (Athena, a large export, one Cost Explorer call per month of a trend).
  const progress = startProgress("chargeback", { forced: options.progress, stream: io.stderr, env });
  progress.update(`reading ${sourceName(options)}`);
  const result = await runChargeback(projectDir, options, now).finally(() => progress.stop());
  if ("errors" in result) {
    io.stderr.write(result.errors.map((line) => `chargeback: ${line}\n`).join(""));
    return exitCodes.invalidInput;
  }
  const rendered =
    "trend" in result
      ? trendRenderers[options.format](result.trend)
      : renderers[options.format](result.report);
  const exitCode =
    "trend" in result
      ? trendExitCode(result.trend, options.maxUnattributedPercent)
      : exitCodeOf(result.report, options.maxUnattributedPercent);
  const notes =
    "trend" in result ? result.trend.months.flatMap((report) => report.notes) : result.report.notes;
  for (const note of new Set(notes)) io.stderr.write(`chargeback: note: ${note}\n`);
  return emitReport(
    "chargeback",
    rendered,
    options.out ? { written: options.out, path: options.out } : undefined,
    exitCode,
    exitCodes.invalidInput,
    io,
  );
}

// Run as `npm run chargeback`; imported by tests, which call `main` in-process.
if (require.main === module) runCli("chargeback", () => main(process.argv.slice(2)), exitCodes.invalidInput);
