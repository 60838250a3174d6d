import * as path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { type ExportFileKind, exportFiles } from "./export-files";
import { type ExportSchema, exportSchemas } from "./export-schemas";
import { oneExportPerPeriod } from "./export-overlap";
import { SourceError } from "./source-error";
import { type SpendQueryScope, buildSpendQuery, spendRowsOf } from "./spend-query";
import type { SpendData } from "./spend";

export interface DataExportQuery extends SpendQueryScope {
  files: readonly string[];
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** One export's answer: its name and files (for messages), the periods it holds, its aggregated rows. */
interface ExportRead {
  name: string;
  label: string;
  format: string;
  partitions: string[];
  rows: Array<Record<string, unknown>>;
}

/**
 * Reads CUR 2.0 or FOCUS exports with DuckDB and returns Bedrock line items in the stack's
 * accounts, aggregated in SQL by billing period, account, service, usage type, charge type and
 * tags: millions of line items come back as one row per group.
 */
export async function readDataExports(query: DataExportQuery): Promise<SpendData> {
  const found = exportFiles(
    query.files,
    query.months.map((month) => month.month),
  );
  const instance = await DuckDBInstance.create(":memory:", { preserve_insertion_order: "false" });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const notes = [...found.notes];
    const reads: ExportRead[] = [];
    for (const entry of found.exports) {
      // Each file is classified on its own: one directory may hold CUR 2.0 and FOCUS files side by side.
      const byFormat = new Map<ExportSchema, string[]>();
      for (const file of entry.files) {
        const schema = schemaOf(await describe(connection, relationOf(entry.kind, [file]), [file]), [file]);
        byFormat.set(schema, [...(byFormat.get(schema) ?? []), file]);
      }
      for (const [schema, files] of byFormat) {
        const read: ExportRead = {
          name: entry.partitions.length > 0 ? entry.name : `${entry.name} (${schema.format})`,
          label: files.length === 1 ? files[0] : `${path.dirname(files[0])} (${files.length} files)`,
          format: schema.format,
          partitions: entry.partitions,
          rows: [],
        };
        reads.push(read);
        // An export --export did not pick is named in the refusal but never queried.
        if (query.exportName !== undefined && !matchesName(read.name, query.exportName)) continue;
        const relation = relationOf(entry.kind, files);
        const built = buildSpendQuery({
          dialect: "duckdb",
          relation,
          columns: await describe(connection, relation, files),
          schema,
          // The export --export names is chosen by its files above, not filtered on in the query.
          scope: query,
          label: read.label,
        });
        notes.push(...built.notes);
        read.rows = (await connection.runAndReadAll(built.sql)).getRowObjectsJson();
      }
    }
    const chosen = choose(reads, query.exportName);
    oneExportPerPeriod(chosen);
    const { rows, profileRows } = spendRowsOf(chosen.flatMap((read) => read.rows));
    return {
      source: [...new Set(chosen.map((read) => read.format))].sort().join("+"),
      rows,
      ...(query.byProfile ? { profileRows } : {}),
      notes,
    };
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`--cur: cannot read the export: ${(error as Error).message}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `--export NAME` names an export folder, or a directory of loose files (its path or its name, with or without the format). */
function matchesName(name: string, wanted: string): boolean {
  const bare = name.replace(/ \((cur2|focus)\)$/, "");
  return [name, bare, path.basename(name), path.basename(bare)].includes(wanted);
}

function choose<Reader extends { name: string }>(readers: Reader[], wanted: string | undefined): Reader[] {
  if (wanted === undefined) return readers;
  const chosen = readers.filter((reader) => matchesName(reader.name, wanted));
  if (chosen.length === 0)
    throw new SourceError(
      `--export: no export named "${wanted}" (found ${[...new Set(readers.map((reader) => `"${reader.name}"`))].join(", ")})`,
    );
  return chosen;
}

/**
 * CSV is read as text (account ids keep their leading zeros; AWS writes maps as JSON), and the
 * figures are cast where they are used. `union_by_name` lets months with different columns mix.
 */
function relationOf(kind: ExportFileKind, files: readonly string[]): string {
  const list = `[${files.map(quote).join(", ")}]`;
  return kind === "parquet"
    ? `read_parquet(${list}, union_by_name = true)`
    : `read_csv(${list}, header = true, all_varchar = true, union_by_name = true)`;
}

async function describe(connection: DuckDBConnection, relation: string, files: readonly string[]) {
  try {
    const result = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
    return new Map(
      result.getRowObjectsJson().map((row) => [String(row.column_name), String(row.column_type)]),
    );
  } catch (error) {
    throw new SourceError(`--cur: ${files.join(", ")}: ${(error as Error).message}`);
  }
}

function schemaOf(columns: ReadonlyMap<string, string>, files: readonly string[]): ExportSchema {
  const schema = exportSchemas.find((candidate) => candidate.required.every((column) => columns.has(column)));
  if (schema) return schema;
  const wanted = exportSchemas.map((candidate) => `${candidate.format}: ${candidate.required.join(", ")}`);
  throw new SourceError(
    `--cur: ${files.join(", ")}: neither a CUR 2.0 nor a FOCUS export (expected the columns ${wanted.join("; or ")})`,
  );
}
