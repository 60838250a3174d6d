import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Token, type Tokens, lexer } from "marked";
import type { PlannedResource } from "../../../tools/check/plan/planned-resource";
import type { CheckReport, Violation } from "../../../tools/check/report/check-report";
import { readBaseReport, withDiff } from "../../../tools/check/report/base-report";
import { renderJson } from "../../../tools/check/report/render-json";
import {
  detailsSummary,
  maxStackSectionChars,
  renderMarkdown,
} from "../../../tools/check/report/render-markdown";
import { renderText } from "../../../tools/check/report/render-text";
import { isUnchanged } from "../../../tools/check/report/report-diff";
import { tempFile } from "../../helpers/check-cli";
import {
  exampleResources,
  manyTenants,
  onlyTenants,
  renameTenant,
  reportOf,
} from "../../helpers/check-report";

/** `report` compared with `base`, the base read back from its JSON as `--compare` reads it. */
function compared(base: CheckReport, report: CheckReport): CheckReport {
  const read = readBaseText(renderJson(base));
  if ("errors" in read) throw new Error(JSON.stringify(read.errors));
  return withDiff(report, read.base);
}

/** `text` read as `--compare` reads its file; the file and its directory removed after. */
function readBaseText(text: string, name = "base.json"): ReturnType<typeof readBaseReport> {
  const file = tempFile(name, text);
  try {
    return readBaseReport(file);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** The tenant "search" of the example, renamed, with another monthly budget. */
function searchAs(name: string, monthlyUsd: number): PlannedResource[] {
  const search = onlyTenants(exampleResources(), ["search"]).filter(
    (resource) => !resource.type.startsWith("pulumi:"),
  );
  return renameTenant(search, "search", name).map((resource) =>
    resource.type === "aws:budgets/budget:Budget"
      ? { ...resource, inputs: { ...resource.inputs, limitAmount: String(monthlyUsd) } }
      : resource,
  );
}

/** The resources with each inference profile changed by `change`. */
const withProfiles = (
  resources: readonly PlannedResource[],
  change: (resource: PlannedResource) => PlannedResource,
): PlannedResource[] =>
  resources.map((resource) =>
    resource.type === "aws:bedrock/inferenceProfile:InferenceProfile" ? change(resource) : resource,
  );

const violation = (policyName: string, urn: string): Violation => ({
  policyPack: "bedrock-cost-guardrails",
  policyName,
  enforcementLevel: "mandatory",
  message: `${policyName} finding`,
  urn,
});

/** The markdown's top-level tokens as GitHub-flavoured Markdown parses them. */
const gfmTokens = (markdown: string): Token[] => lexer(markdown, { gfm: true });

describe("the diff against the base report (--compare)", () => {
  it("shows a tenant added to a 200-tenant stack, with its budget delta, in the first 2,000 characters of the markdown", () => {
    const base = manyTenants(200);
    const report = compared(reportOf(base), reportOf([...base, ...searchAs("zz-claims-intake", 2500)]));
    const markdown = renderMarkdown(report);
    const opening = markdown.slice(0, 2_000);
    assert.match(opening, /\| zz-claims-intake \| added \| \+\$2,500\.00 \(\$0\.00 → \$2,500\.00\) \|/);
    assert.match(
      opening,
      /1 tenant added, 0 changed, 0 removed; monthly budget \$60,000\.00 → \$62,500\.00 \(\+\$2,500\.00\)/,
    );
    assert.ok(markdown.length <= maxStackSectionChars, `${markdown.length} characters`);
  });

  it("renders as GitHub-flavoured Markdown: heading, the change table, then the whole plan inside <details>", () => {
    const base = manyTenants(200);
    const report = compared(reportOf(base), reportOf([...base, ...searchAs("zz-claims-intake", 2500)]));
    const tokens = gfmTokens(renderMarkdown(report)).filter((token) => token.type !== "space");
    const headings = tokens.filter((token): token is Tokens.Heading => token.type === "heading");
    assert.deepEqual(
      headings.slice(0, 2).map((heading) => [heading.depth, heading.text]),
      [
        [3, "Bedrock cost governance: `dev` ✅ passes"],
        [4, "What this PR changes"],
      ],
    );
    const changes = tokens.find((token): token is Tokens.Table => token.type === "table");
    assert.ok(changes, "a table of changes");
    assert.deepEqual(
      changes.header.map((cell) => cell.text),
      ["tenant", "change", "monthly budget", "guardrails", "profiles", "tags"],
    );
    assert.deepEqual(
      changes.rows.map((row) => row[0].text),
      ["zz-claims-intake"],
    );
    assert.match(changes.rows[0][5].text, /cost-center=CC-5100/);
    const opens = tokens.findIndex((token) => token.type === "html" && token.raw.startsWith("<details>"));
    const closes = tokens.findIndex((token) => token.type === "html" && token.raw.trim() === "</details>");
    assert.ok(opens > tokens.indexOf(changes) && closes > opens, "the plan follows the changes, collapsed");
    assert.match(
      tokens[opens].raw,
      new RegExp(`<summary>${detailsSummary.replace(/[()]/g, "\\$&")}</summary>`),
    );
    const inside = tokens.slice(opens + 1, closes);
    assert.ok(
      inside.some((token) => token.type === "heading" && (token as Tokens.Heading).text === "Plan"),
      "the plan is inside <details>",
    );
  });

  it("names a profile replaced by a model or description change, and says pulumi up refuses it when protected", () => {
    const base = withProfiles(onlyTenants(exampleResources(), ["search", "triage"]), (profile) => ({
      ...profile,
      protect: true,
    }));
    const head = withProfiles(base, (profile) =>
      profile.name.startsWith("search")
        ? {
            ...profile,
            inputs: {
              ...profile.inputs,
              description: "Search reranking",
              // The program tags a profile with its model (src/components/tenant/inference-profile.ts).
              tags: { ...(profile.inputs.tags as object), model: "amazon.nova-lite-v1:0" },
              modelSource: { copyFrom: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0" },
            },
          }
        : profile,
    );
    const report = compared(reportOf(base), reportOf(head));
    const [search] = report.diff!.tenants;
    assert.equal(search.name, "search");
    assert.equal(search.change, "changed");
    assert.deepEqual(
      search.profiles.map(({ change, refused, replacedBy }) => ({
        change,
        refused,
        fields: replacedBy.map((item) => item.field),
      })),
      [{ change: "replaced", refused: true, fields: ["description", "model"] }],
    );
    const markdown = renderMarkdown(report);
    assert.match(
      markdown,
      /> \[!CAUTION\]\n> Profiles this PR replaces or deletes:\n> - profile search\/rerank is replaced/,
    );
    assert.match(markdown, /It is protected: `pulumi up` will refuse to replace it/);
    assert.match(
      renderText(report, false),
      /! profile search\/rerank is replaced \(description .* model "amazon\.nova-micro-v1:0" → "amazon\.nova-lite-v1:0"\)/,
    );
  });

  it("tells violations the PR brings from those already present and those it removes", () => {
    const resources = onlyTenants(exampleResources(), ["search"]);
    const old = violation("tenant-tags", "urn:a");
    const report = compared(
      reportOf(resources, { violations: [old, violation("budget-limit", "urn:gone")] }),
      reportOf(resources, {
        violations: [{ ...old, message: "changed words" }, violation("profile-model", "urn:b")],
      }),
    );
    assert.deepEqual(
      report.diff!.violations.new.map((item) => item.policyName),
      ["profile-model"],
    );
    assert.equal(report.diff!.violations.alreadyPresent, 1);
    assert.deepEqual(
      report.diff!.violations.gone.map((item) => item.urn),
      ["urn:gone"],
    );
    assert.match(renderMarkdown(report), /1 new violation \(1 already present, 1 gone\)/);
  });

  it("says so when nothing changes, in every format", () => {
    const report = reportOf(onlyTenants(exampleResources(), ["search", "triage"]));
    const same = compared(report, report);
    assert.ok(isUnchanged(same.diff!));
    for (const rendered of [renderMarkdown(same), renderText(same, false)])
      assert.match(rendered, /No change against the base commit's report/);
    assert.equal(JSON.parse(renderJson(same)).diff.tenants.length, 0);
  });

  it("reads a base report written before descriptions and tags were reported, without calling that a change", () => {
    const resources = onlyTenants(exampleResources(), ["search"]);
    const old = JSON.parse(renderJson(reportOf(resources)));
    for (const account of old.plan.accounts)
      for (const tenant of account.tenants) {
        delete tenant.tags;
        for (const profile of tenant.profiles) delete profile.description;
      }
    const read = readBaseText(JSON.stringify(old));
    assert.ok("base" in read);
    assert.ok(isUnchanged(withDiff(reportOf(resources), read.base).diff!));
  });

  it("refuses a base report that is not one, naming the file and the field", () => {
    const read = readBaseText(
      JSON.stringify({ stack: "dev", verdict: "pass", plan: null, violations: [] }),
      "not-a-report.json",
    );
    assert.ok("errors" in read);
    assert.deepEqual(
      read.errors.map((error) => [path.basename(error.file), error.path]),
      [["not-a-report.json", "summary"]],
    );
    const notJson = readBaseText("<html>");
    assert.ok("errors" in notJson && /is not JSON/.test(notJson.errors[0].message));
  });
});
