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

const projectDir = path.resolve(__dirname, "..", "..");
const renderers: Record<Format, (report: ChargebackReport) => string> = {
  text: renderText,
  markdown: renderMarkdown,
  json: renderJson,
  csv: renderCsv,
  html: renderHtml,
};

/** `CHARGEBACK_NOW` (ISO time) fixes "now" for tests of a month in progress and of the default month. */
function currentTime(): Date {
  const fixed = process.env.CHARGEBACK_NOW;
  const now = fixed ? new Date(fixed) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`CHARGEBACK_NOW: not a date: "${fixed}"`);
  return now;
}

/** The flags and the "now" they were read against (the default month depends on it). */
function readCommandLine(): ChargebackOptions & { now: Date } {
  const now = currentTime();
  return { ...parseChargebackArgs(process.argv.slice(2), now), now };
}

/** The source a run reads, as its progress line names it. */
function sourceName(options: ChargebackOptions): string {
  if (options.athena) return `Amazon Athena (${options.athena.database}.${options.athena.table})`;
  if (options.cur.length > 0) return "the Data Export";
  return "Cost Explorer";
}

async function main(): Promise<number> {
  const flags = parseFlagsOrExit("chargeback", usage, readCommandLine, {
    help: exitCodes.written,
    invalidInput: exitCodes.invalidInput,
  });
  if (typeof flags === "number") return flags;
  const { now, ...options } = flags;
  // Loaded only now: DuckDB and the AWS SDK take a while to load, and --help or a bad flag should not wait.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runChargeback } = require("./chargeback") as typeof import("./chargeback");
  // The sources can take minutes (Athena, a large export, one Cost Explorer call per month of a trend).
  const progress = startProgress("chargeback", { forced: options.progress });
  progress.update(`reading ${sourceName(options)}`);
  const result = await runChargeback(projectDir, options, now).finally(() => progress.stop());
  if ("errors" in result) {
    process.stderr.write(result.errors.map((line) => `chargeback: ${line}\n`).join(""));
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
  for (const note of new Set(notes)) process.stderr.write(`chargeback: note: ${note}\n`);
  return emitReport(
    "chargeback",
    rendered,
    options.out ? { written: options.out, path: options.out } : undefined,
    exitCode,
    exitCodes.invalidInput,
  );
}

runCli("chargeback", main, exitCodes.invalidInput);
