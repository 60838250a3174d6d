import * as fs from "node:fs";
import * as path from "node:path";
import { withDocsBlock } from "../tools/docs-block";

/** docs/performance.md, whose figures the benchmarks write between markers. */
export const performanceDoc = path.resolve(__dirname, "..", "docs", "performance.md");

/**
 * Replaces what stands between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in
 * docs/performance.md with `content`, so the figures there are always a benchmark's own output.
 */
export function writeDocsBlock(name: string, content: string): void {
  const markers = { start: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` };
  const text = fs.readFileSync(performanceDoc, "utf8");
  fs.writeFileSync(performanceDoc, withDocsBlock(text, markers, content.trim(), performanceDoc));
}
