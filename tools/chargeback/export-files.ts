import * as fs from "node:fs";
import * as path from "node:path";
import { readManifest } from "./export-manifest";
import { SourceError } from "./source-error";

export type ExportFileKind = "parquet" | "csv";

/**
 * Data Exports deliver Parquet, or CSV compressed with gzip (`.csv.gz`). A directory stands for
 * every such file below it (an export's S3 prefix synced locally).
 */
export function kindOf(file: string): ExportFileKind | undefined {
  const name = file.toLowerCase();
  if (name.endsWith(".parquet") || name.endsWith(".snappy.parquet")) return "parquet";
  if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".csv.gzip")) return "csv";
  return undefined;
}

/**
 * One export's files to read. Data Exports deliver to `<prefix>/<export-name>/data/BILLING_PERIOD=YYYY-MM/`
 * and list the files of the current refresh in `<prefix>/<export-name>/metadata/BILLING_PERIOD=YYYY-MM/<export-name>-Manifest.json`
 * (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-export-delivery.html). Files outside
 * that layout form one export per directory.
 */
export interface ExportFiles {
  /** The export's name (its folder in the layout), or the directory of loose files. */
  name: string;
  kind: ExportFileKind;
  files: string[];
  /** Billing periods whose partition this export holds (empty for loose files: read from the data). */
  partitions: string[];
}

const partitionPattern = /^BILLING_PERIOD=(\d{4}-\d{2})$/;

/**
 * The exports named on the command line, reading only the partitions of `periods` and, in each,
 * only the files its manifest lists (or, with no manifest, the newest refresh). Notes say when a
 * fallback was taken. A `SourceError` for anything unreadable.
 */
export function exportFiles(
  inputs: readonly string[],
  periods: readonly string[],
): { exports: ExportFiles[]; notes: string[] } {
  const notes: string[] = [];
  const loose = new Map<string, ExportFiles>();
  const partitioned = new Map<string, ExportFiles>();
  const wanted = new Set(periods);
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new SourceError(`--cur: ${input}: no such file or directory`);
    }
    const candidates = stat.isDirectory() ? walk(input) : [input];
    if (!stat.isDirectory() && !kindOf(input))
      throw new SourceError(`--cur: ${input}: expected a .parquet, .csv or .csv.gz file`);
    const found = candidates.filter((file) => kindOf(file) !== undefined).map((file) => path.resolve(file));
    if (found.length === 0)
      throw new SourceError(`--cur: ${input}: the directory holds no .parquet, .csv or .csv.gz file`);
    const byPartition = new Map<string, string[]>();
    for (const file of found) {
      const partition = partitionOf(file);
      if (partition)
        byPartition.set(partition.directory, [...(byPartition.get(partition.directory) ?? []), file]);
      else {
        const key = `${path.dirname(file)}\0${kindOf(file)}`;
        const entry = loose.get(key) ?? {
          name: path.dirname(file),
          kind: kindOf(file)!,
          files: [],
          partitions: [],
        };
        entry.files.push(file);
        loose.set(key, entry);
      }
    }
    for (const [directory, files] of byPartition) {
      const { root, name, period } = partitionOf(files[0])!;
      if (!wanted.has(period)) continue; // only the requested periods' partitions are read
      const chosen = filesOfRefresh(root, name, period, directory, files, notes);
      const key = `${root}\0${kindOf(chosen[0])}`;
      const entry = partitioned.get(key) ?? { name, kind: kindOf(chosen[0])!, files: [], partitions: [] };
      entry.files.push(...chosen);
      entry.partitions.push(period);
      partitioned.set(key, entry);
    }
  }
  return { exports: [...partitioned.values(), ...loose.values()], notes };
}

/** `.../<export-name>/data/BILLING_PERIOD=YYYY-MM/...`: the export's root, name and period. */
function partitionOf(
  file: string,
): { root: string; name: string; period: string; directory: string } | undefined {
  const parts = file.split(path.sep);
  for (let index = parts.length - 2; index >= 2; index -= 1) {
    const match = partitionPattern.exec(parts[index]);
    if (match && parts[index - 1] === "data") {
      const root = parts.slice(0, index - 1).join(path.sep);
      return {
        root,
        name: parts[index - 2],
        period: match[1],
        directory: parts.slice(0, index + 1).join(path.sep),
      };
    }
  }
  return undefined;
}

/**
 * The manifest's files when there is one (each must be here: a partial sync is refused); otherwise
 * the newest refresh: in "create new export file" mode each refresh has its own folder under the
 * partition, and summing them would count a period once per refresh.
 */
function filesOfRefresh(
  root: string,
  name: string,
  period: string,
  directory: string,
  files: readonly string[],
  notes: string[],
): string[] {
  const manifestDirectory = path.join(root, "metadata", `BILLING_PERIOD=${period}`);
  const manifest = readManifest(manifestDirectory, name);
  if (manifest) {
    return manifest.dataFiles.map((uri) => {
      const marker = `/${name}/data/`;
      const at = uri.indexOf(marker);
      const local = at >= 0 ? path.join(root, "data", ...uri.slice(at + marker.length).split("/")) : "";
      if (!local || !fs.existsSync(local))
        throw new SourceError(
          `--cur: ${manifest.file}: dataFiles names ${uri}, which is not under ${path.join(root, "data")} (sync the whole export prefix)`,
        );
      return local;
    });
  }
  const refreshes = new Map<string, string[]>();
  for (const file of files) {
    const relative = path.relative(directory, file).split(path.sep);
    const refresh = relative.length > 1 ? relative[0] : "";
    refreshes.set(refresh, [...(refreshes.get(refresh) ?? []), file]);
  }
  if (refreshes.size === 1) return [...files];
  const newest = [...refreshes.entries()]
    .map(([refresh, members]) => ({
      refresh,
      members,
      time: Math.max(...members.map((file) => fs.statSync(file).mtimeMs)),
    }))
    .sort((a, b) => b.time - a.time || b.refresh.localeCompare(a.refresh))[0];
  notes.push(
    `${name} ${period}: no Manifest.json under ${manifestDirectory}; ${refreshes.size} refreshes found, read only the newest (${newest.refresh || "the partition's own files"})`,
  );
  return newest.members;
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
