import { performance } from "node:perf_hooks";
import * as path from "node:path";
import { runChargeback } from "../tools/chargeback/chargeback";
import { renderJson } from "../tools/chargeback/render-json";

/**
 * One round of the chargeback benchmark in its own process, so its peak memory is its own:
 * the report over the export given as argument, then one JSON line of figures on stdout.
 */
async function main() {
  const [file, tenantsDir, byProfile] = process.argv.slice(2);
  const started = performance.now();
  const result = await runChargeback(
    path.resolve(__dirname, ".."),
    {
      stack: "prod",
      month: "2026-11",
      cur: [file],
      byProfile: byProfile === "by-profile",
      format: "json",
      tenantsDir,
      assumeRole: false,
      help: false,
      costBasis: "net",
      periodBasis: "billing",
    },
    new Date("2026-12-02T00:00:00Z"),
  );
  if ("errors" in result) throw new Error(result.errors.join("\n"));
  if (!("report" in result)) throw new Error("expected one month's report");
  const rendered = renderJson(result.report);
  const reportMs = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({
      reportMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      // CPU seconds of the whole round (DuckDB's threads included): what a shared machine's load does not inflate.
      cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6,
      totalBedrockUsd: result.report.totalBedrockUsd,
      unattributedUsd: result.report.unattributed.usd,
      bytes: rendered.length,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
});
