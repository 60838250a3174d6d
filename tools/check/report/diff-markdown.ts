import { count } from "./format";
import type { MarkdownBlock } from "./markdown-budget";
import { type ReportDiff, change } from "./report-diff";
import { shortUrn } from "./check-report";
import * as phrase from "./diff-phrases";

/**
 * The diff's part of the PR comment, first after the verdict: what the PR changes. Its tables take
 * what they need before the plan (which follows, collapsed), so that in a stack of hundreds of
 * tenants the one a PR adds is on the first screen.
 */
export function diffBlocks(
  diff: ReportDiff,
  escapeCell: (text: string) => string,
  escapeCode: (text: string) => string,
): MarkdownBlock[] {
  const caveat = phrase.baseCaveat(diff);
  const destructive = phrase.destructiveChanges(diff);
  return [
    {
      kind: "must",
      lines: [
        "#### What this PR changes",
        "",
        `**${phrase.diffHeadline(diff)}**`,
        "",
        ...(caveat ? [`_${caveat}_`, ""] : []),
      ],
    },
    ...(destructive.length > 0
      ? [
          {
            kind: "table",
            head: ["> [!CAUTION]", "> Profiles this PR replaces or deletes:"],
            rows: destructive.map((profile) => `> - ${escapeCell(phrase.destructiveText(profile))}`),
            more: (left: number) => `> - … ${count(left, "more profile")}`,
            tail: [""],
          } satisfies MarkdownBlock,
        ]
      : []),
    ...(diff.tenants.length > 0
      ? [
          {
            kind: "table",
            head: [
              "| tenant | change | monthly budget | guardrails | profiles | tags |",
              "|---|---|---:|---:|---|---|",
            ],
            rows: diff.tenants.map(
              (tenant) =>
                `| ${escapeCell(tenant.name)} | ${tenant.change} | ${phrase.signedUsd(change(tenant.monthlyBudgetUsd))} ` +
                `(${phrase.fromToText(tenant.monthlyBudgetUsd)}) | ${phrase.signedUsd(change(tenant.governanceUsdPerMonth))}/month | ` +
                `${escapeCell(phrase.profileMarks(tenant) || "no change")} | ${escapeCell(phrase.changedTagsText(tenant))} |`,
            ),
            more: (left: number) => `| … ${count(left, "more tenant")} | | | | | |`,
            share: 0.6,
          } satisfies MarkdownBlock,
        ]
      : []),
    ...(diff.violations.new.length > 0
      ? [
          {
            kind: "table",
            head: [
              `**New violations** (${diff.violations.new.length})`,
              "",
              "| policy | resource | finding |",
              "|---|---|---|",
            ],
            rows: diff.violations.new.map(
              (violation) =>
                `| ${violation.policyName} (${violation.enforcementLevel}) | \`${escapeCode(shortUrn(violation.urn ?? undefined))}\` | ${escapeCell(violation.message.split("\n")[0])} |`,
            ),
            more: (left: number) => `| … | | ${count(left, "more violation")} |`,
            share: 0.5,
          } satisfies MarkdownBlock,
        ]
      : []),
  ];
}
