import { parseArgs } from "node:util";
import { isMonth, lastCompleteMonth } from "./month";

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
  help: boolean;
}

export const usage = `Usage: npm run chargeback -- --stack NAME [options]

Each tenant's actual Bedrock spend of a month against its budget, and the Bedrock spend that
carries no tenant tag (direct model calls, untagged profiles, other teams).

Options:
  --stack NAME                   stack whose Pulumi.<NAME>.yaml names accounts and environment (required)
  --month YYYY-MM                the month (default: the last complete month, UTC)
  --source cost-explorer         read Cost Explorer (the default) in the management account, us-east-1
  --cur FILE|DIR ...             read AWS Data Exports instead (CUR 2.0 or FOCUS 1.x; Parquet, CSV, CSV.gz)
  --assume-role                  call Cost Explorer as the stack's billing.roleArn
  --by-profile                   spend per application inference profile
  --format FORMAT                text (default), markdown, json, csv or html
  --out FILE                     write the report to FILE instead of standard output
  --max-unattributed-percent N   exit 1 when untagged spend is more than N% of the total
  --tenants DIR                  tenant files instead of the stack's tenantsDir
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
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const help = values.help === true;
  const base = { byProfile: values["by-profile"] === true, assumeRole: values["assume-role"] === true };
  if (help) return { stack: "", month: "", cur: [], format: "text", help, ...base };

  // `--cur a.parquet b.parquet`: files after the first arrive as positionals.
  const cur = [...(values.cur ?? []), ...positionals];
  if (positionals.length > 0 && !values.cur)
    throw new Error(`unexpected argument "${positionals[0]}" (export files follow --cur)`);
  if (!values.stack) throw new Error("--stack: required (the stack whose accounts and tenants are reported)");
  const month = values.month ?? lastCompleteMonth(now);
  if (!isMonth(month)) throw new Error(`--month: expected YYYY-MM, got "${month}"`);
  if (values.source !== undefined && values.source !== "cost-explorer")
    throw new Error(
      `--source: expected cost-explorer (or use --cur FILE for Data Exports), got "${values.source}"`,
    );
  if (values.source !== undefined && cur.length > 0) throw new Error("--source and --cur exclude each other");
  if (values["assume-role"] && cur.length > 0)
    throw new Error("--assume-role applies to Cost Explorer, not to --cur");
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
    help,
    ...base,
  };
}
