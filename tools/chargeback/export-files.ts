import * as fs from "node:fs";
import * as path from "node:path";
import { SourceError } from "./source-error";

export type ExportFileKind = "parquet" | "csv";

/**
 * Data Exports deliver Parquet, or CSV compressed with gzip (`.csv.gz`). A directory stands for
 * every such file below it (an export's S3 prefix synced locally holds one folder per month).
 */
export function kindOf(file: string): ExportFileKind | undefined {
  const name = file.toLowerCase();
  if (name.endsWith(".parquet") || name.endsWith(".snappy.parquet")) return "parquet";
  if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".csv.gzip")) return "csv";
  return undefined;
}

/** The export files named on the command line, grouped by kind; a `SourceError` for anything unreadable. */
export function exportFiles(inputs: readonly string[]): Map<ExportFileKind, string[]> {
  const groups = new Map<ExportFileKind, string[]>();
  const add = (file: string) => {
    const kind = kindOf(file);
    if (!kind) throw new SourceError(`--cur: ${file}: expected a .parquet, .csv or .csv.gz file`);
    groups.set(kind, [...(groups.get(kind) ?? []), path.resolve(file)]);
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new SourceError(`--cur: ${input}: no such file or directory`);
    }
    if (!stat.isDirectory()) {
      add(input);
      continue;
    }
    const found = walk(input).filter((file) => kindOf(file) !== undefined);
    if (found.length === 0)
      throw new SourceError(`--cur: ${input}: the directory holds no .parquet, .csv or .csv.gz file`);
    found.forEach(add);
  }
  return groups;
}

function walk(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      return entry.isDirectory() ? walk(full) : entry.isFile() ? [full] : [];
    });
}
