import type { ReportDiff } from "./report-diff";
import { shortUrn } from "./check-report";
import * as phrase from "./diff-phrases";

type Style = (text: string) => string;

/** The diff's part of the text report, first: what changes against the base commit's report. */
export function diffLines(diff: ReportDiff, style: { bold: Style; red: Style; yellow: Style }): string[] {
  const caveat = phrase.baseCaveat(diff);
  return [
    "",
    style.bold("What this change does (against the base report)"),
    `  ${phrase.diffHeadline(diff)}`,
    ...(caveat ? [`  ${caveat}`] : []),
    ...phrase
      .destructiveChanges(diff)
      .map((profile) =>
        (profile.refused ? style.red : style.yellow)(`  ! ${phrase.destructiveText(profile)}`),
      ),
    ...diff.tenants.flatMap((tenant) => [
      `  ${tenant.change === "added" ? "+" : tenant.change === "removed" ? "-" : "~"} ${tenant.name}: ${phrase.tenantDeltaText(tenant)}`,
      ...(tenant.profiles.length > 0 ? [`      profiles: ${phrase.profileMarks(tenant)}`] : []),
      `      tags: ${phrase.changedTagsText(tenant)}`,
    ]),
    ...diff.violations.new.map(
      (violation) =>
        `  new violation: ${violation.policyName} [${violation.enforcementLevel}] ${shortUrn(violation.urn ?? undefined)}: ${violation.message.split("\n")[0]}`,
    ),
  ];
}
