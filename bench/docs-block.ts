import * as fs from "node:fs";
import * as path from "node:path";

/** docs/performance.md, whose figures the benchmarks write between markers. */
export const performanceDoc = path.resolve(__dirname, "..", "docs", "performance.md");

/**
 * Replaces what stands between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in
 * docs/performance.md with `content`, so the figures there are always a benchmark's own output.
 */
export function writeDocsBlock(name: string, content: string): void {
  const text = fs.readFileSync(performanceDoc, "utf8");
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${performanceDoc} has no ${begin} ... ${end} block`);
  const updated = `${text.slice(0, from + begin.length)}\n${content.trim()}\n${text.slice(to)}`;
  fs.writeFileSync(performanceDoc, updated);
}
