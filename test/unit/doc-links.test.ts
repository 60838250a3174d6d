import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { documentationFiles, repoRoot } from "../helpers/documentation";

/** The lines outside fenced code blocks, with their line numbers: where Markdown links and headings are read. */
function proseLines(text: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split("\n").forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence === undefined) lines.push({ line: index + 1, text: line });
  });
  return lines;
}

/** GitHub's anchor of a heading (github-slugger): lowercase, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text: line } of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const rendered = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]+>/g, "")
      .replace(/[`*]/g, "");
    const base = rendered
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

interface Link {
  line: number;
  target: string;
}

/** Every `[text](target)` outside code, with its line; inline code spans are not links. */
function relativeLinks(text: string): Link[] {
  const links: Link[] = [];
  for (const { line, text: prose } of proseLines(text)) {
    const withoutCode = prose.replace(/`[^`]*`/g, "``");
    for (const match of withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not this test's business
      links.push({ line, target });
    }
  }
  return links;
}

/** The links of `file` (relative to the repository) whose file or anchor does not exist. */
function brokenLinks(file: string, text: string, read: (file: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const { line, target } of relativeLinks(text)) {
    const [pathPart, anchor] = target.split("#", 2);
    const resolved =
      pathPart === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
    const where = `${file}:${line}: ${target}`;
    const exists = pathPart === "" || fs.existsSync(path.join(repoRoot, resolved));
    if (!exists) {
      broken.push(`${where}: no such file ${resolved}`);
      continue;
    }
    if (anchor === undefined || anchor === "" || !resolved.endsWith(".md")) continue;
    const targetText = resolved === file ? text : read(resolved);
    if (targetText === undefined) broken.push(`${where}: cannot read ${resolved}`);
    else if (!headingAnchors(targetText).has(decodeURIComponent(anchor).toLowerCase()))
      broken.push(`${where}: ${resolved} has no heading #${anchor}`);
  }
  return broken;
}

const readRepoFile = (file: string): string | undefined => {
  const full = path.join(repoRoot, file);
  return fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
};

describe("the documentation's relative links", () => {
  it("resolve: every linked file exists, and every anchor is a heading of its page", () => {
    const files = documentationFiles();
    const broken = files.flatMap((file) => brokenLinks(file, readRepoFile(file)!, readRepoFile));
    assert.deepEqual(broken, []);
    const linkCount = files.reduce((sum, file) => sum + relativeLinks(readRepoFile(file)!).length, 0);
    assert.ok(linkCount >= 40, `found only ${linkCount} relative links: the link reader is broken`);
  });

  it("include one from the README to every page of docs/ and to each package's README", () => {
    const linked = new Set(
      relativeLinks(readRepoFile("README.md")!).map(({ target }) =>
        path.posix.normalize(target.split("#")[0]),
      ),
    );
    const pages = documentationFiles().filter((file) => file !== "README.md");
    assert.deepEqual(
      pages.filter((file) => !linked.has(file)),
      [],
    );
  });

  it("are read as GitHub renders anchors, and a missing file or anchor is reported", () => {
    assert.deepEqual(
      [
        ...headingAnchors(
          '# The offline check: `npm run check`\n## Budget actions: what `onExceed: "deny"` does and undoes\n' +
            "## Notes\n## Notes\n```sh\n# not a heading\n```\n### 4. The CI roles",
        ),
      ],
      [
        "the-offline-check-npm-run-check",
        "budget-actions-what-onexceed-deny-does-and-undoes",
        "notes",
        "notes-1",
        "4-the-ci-roles",
      ],
    );
    const text =
      "[ok](#notes) [file](README.md) [gone](docs/missing.md) [anchor](README.md#no-such-heading)\n" +
      "`[code](not-a-link.md)` [web](https://example.com/x.md)\n# Notes\n";
    assert.deepEqual(brokenLinks("example.md", text, readRepoFile), [
      "example.md:1: docs/missing.md: no such file docs/missing.md",
      "example.md:1: README.md#no-such-heading: README.md has no heading #no-such-heading",
    ]);
  });
});
