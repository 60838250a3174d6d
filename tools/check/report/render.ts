import type { CheckReport } from "./check-report";
import { renderJson } from "./render-json";
import { renderMarkdown } from "./render-markdown";
import { renderText } from "./render-text";
import { renderSarif } from "./render-sarif";
import { renderAnnotations } from "./render-annotations";

/** The check's report formats, and the one renderer of each. */
export const reportFormats = ["text", "markdown", "json", "sarif", "github"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export function renderReport(report: CheckReport, format: ReportFormat, colour: boolean): string {
  switch (format) {
    case "json":
      return renderJson(report);
    case "markdown":
      return renderMarkdown(report);
    case "text":
      return renderText(report, colour);
    case "sarif":
      return renderSarif(report);
    case "github":
      return renderAnnotations(report);
  }
}
