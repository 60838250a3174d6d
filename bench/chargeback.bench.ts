import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { median } from "./median";
import { parseCli } from "../tools/cli-flags";

/**
 * Chargeback benchmark: a CUR 2.0 Data Export of N line items (default 10 million) in one billing
 * period, generated with DuckDB (not timed) and laid out as Data Exports deliver it
 * (`<export>/data/BILLING_PERIOD=2026-11/`), beside an October partition whose file is not Parquet
 * at all: a round that opened another period's files would fail. Then the report over it, each
 * round in a fresh process: its wall time (start-up included, as a user waits for it) and its peak
 * RSS (the kernel's maxRSS, DuckDB's native memory included).
 *
 *   npm run bench:chargeback -- --items 10000000 --rounds 3 [--by-profile]
 */
const repoRoot = path.resolve(__dirname, "..");
/** Issue 23: 10 M line items in at most 10 s (median) and 500 MB from Parquet. */
const targets = { medianSeconds: 10, peakRssMb: 500 };

const usage = `Usage: npm run bench:chargeback -- [--items 10000000] [--rounds 3] [--by-profile] [--keep DIR]

Generates a CUR 2.0 Data Export of --items line items (not timed), then times the chargeback report
over it, each round in a fresh process; --keep DIR keeps the export there.

Exit codes: 0 within the targets, 1 over a target, 2 a bad flag or a failure.
`;

// Parsed before anything is generated: --help and a bad flag write nothing.
const parsed = parseCli<{ items: string; rounds: string; "by-profile": boolean; keep?: string }>(
  "bench:chargeback",
  usage,
  {
    items: { type: "string", default: "10000000" },
    rounds: { type: "string", default: "3" },
    "by-profile": { type: "boolean", default: false },
    keep: { type: "string" },
  },
);
const values =
  typeof parsed === "number"
    ? { items: "0", rounds: "0", "by-profile": false, keep: undefined as string | undefined }
    : parsed;
const items = Number(values.items);
const rounds = Number(values.rounds);

/**
 * Line items spread as a payer's month looks: four accounts (two of the stack's, two outside),
 * Bedrock, five Marketplace editions and ten other services, 720 hours, tenants known and unknown,
 * prod and dev, one item in ten untagged, 400 resource ids; one in a thousand a tax line, one in a
 * thousand a credit; net cost 95% of unblended (an enterprise discount).
 */
async function generate(file: string): Promise<void> {
  // Loaded only now: DuckDB takes a while to load, and --help or a bad flag should not wait for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require("@duckdb/node-api") as typeof import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const services = [
    "Amazon Bedrock",
    "Claude 3 Haiku (Amazon Bedrock Edition)",
    "Claude 3.5 Sonnet (Amazon Bedrock Edition)",
    "Claude Sonnet 4 (Amazon Bedrock Edition)",
    "Llama 3.1 70B Instruct (Amazon Bedrock Edition)",
    "Mistral Large (Amazon Bedrock Edition)",
    ...Array.from({ length: 10 }, (_, index) => `Other Service ${index}`),
  ];
  const list = (texts: string[]) => `[${texts.map((text) => `'${text}'`).join(", ")}]`;
  await connection.run(`
    COPY (
      SELECT CASE WHEN i % 1000 = 1 THEN 'Tax' WHEN i % 1000 = 2 THEN 'Credit' ELSE 'Usage' END AS line_item_line_item_type,
             TIMESTAMP '2026-11-01' AS bill_billing_period_start_date,
             '123456789012' AS bill_payer_account_id,
             ${list(["777788889999", "012345678901", "999999999999", "111111111111"])}[1 + (i % 4)::INTEGER] AS line_item_usage_account_id,
             TIMESTAMP '2026-11-01' + to_hours((i % 720)::INTEGER) AS line_item_usage_start_date,
             TIMESTAMP '2026-11-01' + to_hours((i % 720)::INTEGER + 1) AS line_item_usage_end_date,
             CASE WHEN s = 1 THEN 'AmazonBedrock' ELSE 'code' || s END AS line_item_product_code,
             'USE1-usage-' || (i % 50) AS line_item_usage_type,
             'arn:aws:bedrock:us-east-1:777788889999:application-inference-profile/p' || (i % 400) AS line_item_resource_id,
             (i % 1000) / 100.0 AS line_item_unblended_cost,
             (i % 1000) / 100.0 * 0.95 AS line_item_net_unblended_cost,
             (i % 5000)::DOUBLE AS line_item_usage_amount,
             map(['product_name', 'region'], [${list(services)}[s], 'us-east-1']) AS product,
             CASE WHEN i % 10 = 0 THEN map([]::VARCHAR[], []::VARCHAR[])
                  ELSE map(['user_tenant', 'user_environment', 'user_team'],
                           [${list(["alpha", "beta", "gamma", "ghost", "alpha", "beta"])}[1 + (i % 6)::INTEGER],
                            CASE WHEN i % 7 = 0 THEN 'dev' ELSE 'prod' END, 'team-' || (i % 13)]) END AS resource_tags
      FROM (SELECT i, 1 + ((i * 7) % ${services.length})::INTEGER AS s FROM range(${items}) t(i))
    ) TO '${file}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
}

function round(
  file: string,
  tenantsDir: string,
): Promise<{
  wallSeconds: number;
  reportMs: number;
  maxRssMb: number;
  cpuSeconds: number;
  totalBedrockUsd: number;
}> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        "--require",
        "tsx/cjs",
        path.join(repoRoot, "bench/chargeback-round.ts"),
        file,
        tenantsDir,
        values["by-profile"] ? "by-profile" : "",
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`round failed (${code}): ${stderr}`));
      resolve({ wallSeconds: Number(process.hrtime.bigint() - started) / 1e9, ...JSON.parse(stdout) });
    });
  });
}

async function main() {
  const directory = values.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "chargeback-bench-"));
  const exportRoot = path.join(directory, `cur2-${items}`);
  const partition = path.join(exportRoot, "data", "BILLING_PERIOD=2026-11");
  const file = path.join(partition, `cur2-${items}-00001.parquet`);
  fs.mkdirSync(partition, { recursive: true });
  const decoy = path.join(exportRoot, "data", "BILLING_PERIOD=2026-10");
  fs.mkdirSync(decoy, { recursive: true });
  fs.writeFileSync(path.join(decoy, `cur2-${items}-00001.parquet`), "another billing period: never opened");
  if (!fs.existsSync(file)) {
    const started = Date.now();
    await generate(file);
    process.stdout.write(
      `generated ${items.toLocaleString("en-US")} line items (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB Parquet) in ${((Date.now() - started) / 1000).toFixed(1)} s (not timed)\n`,
    );
  }
  // Loaded only now: the fixture writes its tenant files when loaded, and loads the stack's schemas.
  const { fixtureTenantsDir } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("../test/chargeback/stack") as typeof import("../test/chargeback/stack");
  const results = [];
  for (let index = 0; index < rounds; index += 1) {
    const result = await round(exportRoot, fixtureTenantsDir);
    results.push(result);
    process.stdout.write(
      `round ${index + 1}: ${result.wallSeconds.toFixed(2)} s wall (report ${(result.reportMs / 1000).toFixed(2)} s, ${result.cpuSeconds.toFixed(2)} CPU s), peak RSS ${result.maxRssMb.toFixed(0)} MiB, total Bedrock $${result.totalBedrockUsd.toFixed(2)}\n`,
    );
  }
  const medianSeconds = median(results.map((result) => result.wallSeconds));
  const peakRssMb = Math.max(...results.map((result) => result.maxRssMb));
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  process.stdout.write(
    `\nchargeback over ${items.toLocaleString("en-US")} line items${values["by-profile"] ? " --by-profile" : ""}: median ${medianSeconds.toFixed(2)} s (target <= ${targets.medianSeconds} s), peak RSS ${peakRssMb.toFixed(0)} MiB (target <= ${targets.peakRssMb} MB); ${os.cpus().length} CPUs, load average ${load}\n`,
  );
  if (!values.keep) fs.rmSync(directory, { recursive: true, force: true });
  if (medianSeconds > targets.medianSeconds || peakRssMb * 2 ** 20 > targets.peakRssMb * 1e6)
    process.exitCode = 1;
}

if (typeof parsed === "number") process.exitCode = parsed;
else
  main().catch((error: unknown) => {
    process.stderr.write(`bench:chargeback: ${(error as Error).message}\n`);
    process.exitCode = 2;
  });
