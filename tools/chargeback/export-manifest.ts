import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { SourceError } from "./source-error";

/**
 * The part of a Data Exports `Manifest.json` the report reads: `dataFiles`, "the full S3 URIs of
 * the export data files ... We recommend identifying which files to ingest by programmatically
 * reading this list" (https://docs.aws.amazon.com/cur/latest/userguide/dataexports-manifest.html).
 * Other fields (executionId, exportArn, columns, ...) are allowed and ignored.
 */
export const manifestSchema = z.looseObject({
  dataFiles: z.array(z.string().startsWith("s3://")),
});

/**
 * `<export-name>-Manifest.json` in the partition's metadata folder, or undefined when there is none.
 * A manifest that is not valid JSON or lacks `dataFiles` is refused, naming the file and field.
 */
export function readManifest(
  directory: string,
  exportName: string,
): { file: string; dataFiles: string[] } | undefined {
  const file = path.join(directory, `${exportName}-Manifest.json`);
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new SourceError(`--cur: ${file}: not JSON: ${(error as Error).message}`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new SourceError(`--cur: ${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return { file, dataFiles: result.data.dataFiles };
}
