import { formatInputError } from "../../../src/validation";
import type { CheckReport } from "./check-report";
import { inputErrorLocation } from "./input-error-location";

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`): each finding
 * shown on the line of the PR's diff where the author fixes it. Escaped as the runner reads them
 * (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts: `%`, CR and LF in the
 * message; also `:` and `,` in properties).
 */
export function renderAnnotations(report: CheckReport): string {
  const lines = [
    ...report.violations.map((violation) =>
      command(
        violation.enforcementLevel === "mandatory" ? "error" : "warning",
        violation.location,
        `${violation.policyName} (${violation.enforcementLevel})`,
        violation.location
          ? `${violation.message}\n${violation.location.field}: ${violation.location.advice}`
          : violation.message,
      ),
    ),
    ...report.errors.map((error) =>
      command("error", inputErrorLocation(error), "invalid input", formatInputError(error)),
    ),
  ];
  return lines.map((line) => `${line}\n`).join("");
}

function command(
  kind: "error" | "warning",
  location: { file: string; line: number; column: number } | undefined,
  title: string,
  message: string,
): string {
  const properties = [
    ...(location
      ? [`file=${property(location.file)}`, `line=${location.line}`, `col=${location.column}`]
      : []),
    `title=${property(title)}`,
  ];
  return `::${kind} ${properties.join(",")}::${data(message)}`;
}

const data = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const property = (text: string) => data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
