import { parseArgs } from "node:util";
import { type CostBasis, costBases } from "./cost-basis";
import { isMonth, lastCompleteMonth, monthsFrom } from "./month";
import type { PeriodBasis } from "./spend-query";

export const formats = ["text", "markdown", "json", "csv", "html"] as const;
export type Format = (typeof formats)[number];

export interface ChargebackOptions {
  stack: string;
  month: string;
  /** Data Export files or directories; empty means Cost Explorer. */
  cur: string[];
  byProfile: boolean;
  format: Format;
  out?: string;
  tenantsDir?: string;
  assumeRole: boolean;
  maxUnattributedPercent?: number;
  /** `--cost-basis` (default net). */
  costBasis: CostBasis;
  /** `--period-basis` (default billing). */
  periodBasis: PeriodBasis;
  /** `--export NAME`: the one export to read where several cover a period. */
  exportName?: string;
  /** `--from`/`--to`: a month-by-month trend instead of one month (`month` is then `to`). */
  trend?: { from: string; to: string };
  /** `--athena DATABASE.TABLE`: query the Data Exports table in Amazon Athena. */
  athena?: AthenaOptions;
  /** `--progress`: the phase on stderr even off a terminal (by default only on a terminal, not in CI). */
  progress?: boolean;
  help: boolean;
}

export interface AthenaOptions {
  database: string;
  table: string;
  workgroup?: string;
  outputLocation?: string;
  catalog?: string;
}

export const usage = `Usage: npm run chargeback -- --stack NAME [options]

Each tenant's actual Bedrock spend of a month against its budget, and the Bedrock spend that
carries no tenant tag (direct model calls, untagged profiles, other teams).

Options:
  --stack NAME                   stack whose Pulumi.<NAME>.yaml names accounts and environment (required)
  --month YYYY-MM                the month (default: the last complete month, UTC)
  --source cost-explorer         read Cost Explorer (the default) in the management account, us-east-1
  --cur FILE|DIR ...             read AWS Data Exports instead (CUR 2.0 or FOCUS 1.x; Parquet, CSV, CSV.gz)
  --export NAME                  the one export to read where several cover a billing period (--cur, --athena)
  --athena DATABASE.TABLE        query the Data Exports table in Amazon Athena instead
  --workgroup NAME               Athena workgroup (default: the SDK's, "primary")
  --output-location S3URI        Athena query results location (when the workgroup sets none)
  --catalog NAME                 Athena data catalog (default AwsDataCatalog)
  --from YYYY-MM --to YYYY-MM    a month-by-month trend of each tenant over these months
  --cost-basis BASIS             net (default), unblended, amortized or net-amortized
  --period-basis BASIS           billing (default: the billing period a charge is invoiced in) or usage
  --assume-role                  call Cost Explorer as the stack's billing.roleArn
  --by-profile                   spend per application inference profile
  --format FORMAT                text (default), markdown, json, csv or html
  --out FILE                     write the report to FILE instead of standard output
  --max-unattributed-percent N   exit 1 when untagged spend is more than N% of the total
  --tenants DIR                  tenant files instead of the stack's tenantsDir
  --progress                     the phase on stderr (default: only on a terminal, not in CI, past 2 s)
  -h, --help                     this help

Exit codes:
  0  report written
  1  a tenant is over budget, or untagged spend is above --max-unattributed-percent
  2  bad input (flag, stack config, tenant file, export) or a source that cannot be read
`;

/** The command line as options; throws an Error with a one-line message for a bad flag. */
export function parseChargebackArgs(argv: readonly string[], now: Date): ChargebackOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      stack: { type: "string" },
      month: { type: "string" },
      source: { type: "string" },
      cur: { type: "string", multiple: true },
      "assume-role": { type: "boolean", default: false },
      "by-profile": { type: "boolean", default: false },
      format: { type: "string", default: "text" },
      out: { type: "string" },
      "max-unattributed-percent": { type: "string" },
      tenants: { type: "string" },
      export: { type: "string" },
      athena: { type: "string" },
      workgroup: { type: "string" },
      "output-location": { type: "string" },
      catalog: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "cost-basis": { type: "string", default: "net" },
      "period-basis": { type: "string", default: "billing" },
      progress: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const help = values.help === true;
  const base = {
    byProfile: values["by-profile"] === true,
    assumeRole: values["assume-role"] === true,
    progress: values.progress === true,
  };
  const bases = { costBasis: "net" as CostBasis, periodBasis: "billing" as PeriodBasis };
  if (help) return { stack: "", month: "", cur: [], format: "text", help, ...base, ...bases };

  // `--cur a.parquet b.parquet`: files after the first arrive as positionals.
  const cur = [...(values.cur ?? []), ...positionals];
  if (positionals.length > 0 && !values.cur)
    throw new Error(`unexpected argument "${positionals[0]}" (export files follow --cur)`);
  if (!values.stack) throw new Error("--stack: required (the stack whose accounts and tenants are reported)");
  const trend = trendOf(values.from, values.to, values.month, now);
  const month = trend?.to ?? values.month ?? lastCompleteMonth(now);
  if (!isMonth(month)) throw new Error(`--month: expected YYYY-MM, got "${month}"`);
  if (month > now.toISOString().slice(0, 7))
    throw new Error(
      `--${trend ? "to" : "month"}: ${month} has not begun (today is ${now.toISOString().slice(0, 10)} UTC)`,
    );
  const costBasis = values["cost-basis"] as CostBasis;
  if (!costBases.includes(costBasis))
    throw new Error(`--cost-basis: expected one of ${costBases.join(", ")}, got "${values["cost-basis"]}"`);
  const periodBasis = values["period-basis"] as PeriodBasis;
  if (periodBasis !== "billing" && periodBasis !== "usage")
    throw new Error(`--period-basis: expected billing or usage, got "${values["period-basis"]}"`);
  const athena = athenaOf(values);
  if (athena && (cur.length > 0 || values.source !== undefined))
    throw new Error("--athena, --cur and --source exclude each other");
  if (values.export !== undefined && cur.length === 0)
    throw new Error("--export picks one of the exports given with --cur");
  if (values.source !== undefined && values.source !== "cost-explorer")
    throw new Error(
      `--source: expected cost-explorer (or use --cur FILE for Data Exports), got "${values.source}"`,
    );
  if (values.source !== undefined && cur.length > 0) throw new Error("--source and --cur exclude each other");
  if (values["assume-role"] && (cur.length > 0 || athena))
    throw new Error("--assume-role applies to Cost Explorer, not to --cur or --athena");
  const format = values.format as Format;
  if (!formats.includes(format))
    throw new Error(`--format: expected one of ${formats.join(", ")}, got "${values.format}"`);
  let maxUnattributedPercent: number | undefined;
  if (values["max-unattributed-percent"] !== undefined) {
    maxUnattributedPercent = Number(values["max-unattributed-percent"]);
    if (!/^\d+(\.\d+)?$/.test(values["max-unattributed-percent"]) || maxUnattributedPercent > 100)
      throw new Error(
        `--max-unattributed-percent: expected a number from 0 to 100, got "${values["max-unattributed-percent"]}"`,
      );
  }
  return {
    stack: values.stack,
    month,
    cur,
    format,
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.tenants !== undefined ? { tenantsDir: values.tenants } : {}),
    ...(maxUnattributedPercent !== undefined ? { maxUnattributedPercent } : {}),
    ...(values.export !== undefined ? { exportName: values.export } : {}),
    ...(trend ? { trend } : {}),
    ...(athena ? { athena } : {}),
    costBasis,
    periodBasis,
    help,
    ...base,
  };
}

/** `--from`/`--to` together, in order, not with `--month`; at most 36 months (Cost Explorer keeps 13 months by default, 38 with multi-year data). */
function trendOf(
  from: string | undefined,
  to: string | undefined,
  month: string | undefined,
  now: Date,
): { from: string; to: string } | undefined {
  if (from === undefined && to === undefined) return undefined;
  if (month !== undefined) throw new Error("--month and --from/--to exclude each other");
  const end = to ?? lastCompleteMonth(now);
  if (from === undefined) throw new Error("--from: required with --to (the first month of the trend)");
  for (const [flag, value] of [
    ["--from", from],
    ["--to", end],
  ] as const)
    if (!isMonth(value)) throw new Error(`${flag}: expected YYYY-MM, got "${value}"`);
  if (from > end) throw new Error(`--from: ${from} is after --to ${end}`);
  if (monthsFrom(from, end).length > maxTrendMonths)
    throw new Error(`--from/--to: at most ${maxTrendMonths} months, got ${monthsFrom(from, end).length}`);
  return { from, to: end };
}

export const maxTrendMonths = 36;

function athenaOf(values: Record<string, unknown>): AthenaOptions | undefined {
  const extras = ["workgroup", "output-location", "catalog"].filter((flag) => values[flag] !== undefined);
  if (values.athena === undefined) {
    if (extras.length > 0) throw new Error(`--${extras[0]}: applies to --athena only`);
    return undefined;
  }
  const match = /^([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$/.exec(String(values.athena));
  if (!match)
    throw new Error(
      `--athena: expected DATABASE.TABLE (letters, digits, underscores), got "${String(values.athena)}"`,
    );
  const outputLocation = values["output-location"] as string | undefined;
  if (outputLocation !== undefined && !outputLocation.startsWith("s3://"))
    throw new Error(`--output-location: expected an s3:// URI, got "${outputLocation}"`);
  return {
    database: match[1],
    table: match[2],
    ...(values.workgroup !== undefined ? { workgroup: String(values.workgroup) } : {}),
    ...(outputLocation !== undefined ? { outputLocation } : {}),
    ...(values.catalog !== undefined ? { catalog: String(values.catalog) } : {}),
  };
}
