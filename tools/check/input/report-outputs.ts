import { type ReportFormat, reportFormats } from "../report/render";

/** One report to write: in `format`, to `file` (as the user wrote it), or to standard output. */
export interface ReportOutput {
  format: ReportFormat;
  file?: string;
}

const isFormat = (text: string): text is ReportFormat => (reportFormats as readonly string[]).includes(text);

/**
 * Where the reports go. `--out FILE` writes the `--format` report to FILE, as it always did; each
 * `--out FORMAT=FILE` writes one more format from the same run (CI posts markdown, keeps the JSON and
 * uploads SARIF from one check). Without `--out`, the `--format` report goes to standard output.
 */
export function reportOutputs(
  format: string,
  outs: readonly string[],
): { outputs: ReportOutput[] } | { error: string } {
  if (!isFormat(format))
    return { error: `--format: expected one of ${reportFormats.join(", ")}, got "${format}"` };
  if (outs.length === 0) return { outputs: [{ format }] };
  const outputs = outs.map((out): ReportOutput => {
    const [prefix, ...rest] = out.split("=");
    return rest.length > 0 && isFormat(prefix)
      ? { format: prefix, file: rest.join("=") }
      : { format, file: out };
  });
  const empty = outputs.find((output) => output.file === "");
  if (empty) return { error: `--out: ${empty.format}= names no file (write --out ${empty.format}=FILE)` };
  return { outputs };
}
