/**
 * docs/operations.md's permission policies of the two preview roles, generated from the refresh
 * reads of every AWS type spec (src/refresh-read-actions.ts): what `pulumi refresh` calls for each
 * type the stack creates. `npm run docs:preview-roles` rewrites the JSON under each
 * `<!-- iam: … -->` marker; test/unit/refresh-read-actions.test.ts fails when the page is stale,
 * so a new type's reads reach the guide users copy their roles from.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type RefreshReads, refreshActionsFor } from "../src/refresh-read-actions";
import { parseCli } from "./cli-flags";

export const operationsPage = path.resolve(__dirname, "../docs/operations.md");

/** Each policy's marker name and the stack whose role it is. */
const policies: ReadonlyArray<[marker: string, stack: RefreshReads["stack"]]> = [
  ["preview-role-permissions", "environment"],
  ["org-preview-permissions", "organization"],
];

/** Lines of the guide's policies stay readable: one service per line, wrapped past this width. */
const lineWidth = 120;
const indent = " ".repeat(8);

/** The policy JSON: the stack's actions, sorted, grouped by service on lines of their own. */
export function previewRolePolicy(stack: RefreshReads["stack"]): string {
  const byService = new Map<string, string[]>();
  for (const action of refreshActionsFor(stack)) {
    const service = action.slice(0, action.indexOf(":"));
    byService.set(service, [...(byService.get(service) ?? []), JSON.stringify(action)]);
  }
  const lines: string[] = [];
  for (const quoted of byService.values()) {
    let line = "";
    for (const action of quoted) {
      if (line && indent.length + line.length + action.length + 2 > lineWidth) {
        lines.push(`${line},`);
        line = "";
      }
      line = line ? `${line}, ${action}` : action;
    }
    lines.push(`${line},`);
  }
  const actions = lines.map((line) => `${indent}${line}`).join("\n");
  return [
    "{",
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    "    {",
    '      "Effect": "Allow",',
    '      "Action": [',
    actions.slice(0, -1),
    "      ],",
    '      "Resource": "*"',
    "    }",
    "  ]",
    "}",
  ].join("\n");
}

/** The page with each preview policy replaced; throws naming a marker the page lacks. */
export function withPreviewRolePolicies(page: string): string {
  let result = page;
  for (const [marker, stack] of policies) {
    const block = new RegExp(`(<!-- iam: ${marker} -->\\n\`\`\`json\\n)[\\s\\S]*?(\\n\`\`\`)`);
    if (!block.test(result)) throw new Error(`docs/operations.md has no <!-- iam: ${marker} --> policy`);
    result = result.replace(
      block,
      (_, start: string, end: string) => `${start}${previewRolePolicy(stack)}${end}`,
    );
  }
  return result;
}

const usage = `Usage: npm run docs:preview-roles

Writes docs/operations.md's policies of the preview roles, generated from the refresh reads of
each AWS type spec (src/aws-types/).

Exit codes: 0 written, 2 a bad flag.
`;

if (require.main === module) {
  // Parsed first: --help and a bad flag write nothing (tools/cli-flags.ts).
  const flags = parseCli("docs:preview-roles", usage, {});
  if (typeof flags === "number") process.exitCode = flags;
  else {
    fs.writeFileSync(operationsPage, withPreviewRolePolicies(fs.readFileSync(operationsPage, "utf8")));
    console.log(`wrote the preview roles' policies of ${path.relative(process.cwd(), operationsPage)}`);
  }
}
