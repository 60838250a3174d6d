import { SourceError } from "./source-error";

/**
 * One export per billing period. AWS's dashboards deliver a CUR 2.0 and a FOCUS export of the same
 * bill into one bucket (under `cur2/` and `focus/`), and reading both counts every dollar twice. A
 * period is covered by an export when it holds that period's partition or returned line items of
 * it; two exports covering one period are refused, naming both, unless `--export NAME` chose one.
 */
export function oneExportPerPeriod(
  readers: ReadonlyArray<{
    name: string;
    label: string;
    partitions: readonly string[];
    rows: ReadonlyArray<{ period?: unknown }>;
  }>,
): void {
  const coveredBy = new Map<string, Array<{ name: string; label: string }>>();
  for (const reader of readers) {
    const periods = new Set([...reader.partitions, ...reader.rows.map((row) => String(row.period))]);
    for (const period of periods) coveredBy.set(period, [...(coveredBy.get(period) ?? []), reader]);
  }
  for (const [period, exports] of [...coveredBy].sort(([a], [b]) => a.localeCompare(b))) {
    if (exports.length < 2) continue;
    const [first, second] = exports;
    throw new SourceError(
      `--cur: two exports cover the billing period ${period}: "${first.name}" (${first.label}) and "${second.name}" (${second.label}); reading both would count its spend twice. Choose one with --export NAME`,
    );
  }
}
