/**
 * Markdown laid out under a character budget, for a PR comment: GitHub refuses a comment over
 * 65,536 characters, and the comment holds a section per stack. The renderer says what it would
 * write as blocks, in order of importance; `fitMarkdown` keeps what fits. Blocks go in whole or not
 * at all (a Mermaid diagram cut midway would not render), tables row by row with a line counting
 * the rows left out. What must be there (heading, verdict) is never dropped.
 */
/**
 * `head`, then rows while they fit, then `more(rowsLeftOut)` in place of the rest, then `tail`
 * (default: an empty line). `share`: the part of what is left when the table starts that it may
 * use, so one table cannot starve the next.
 */
export interface TableBlock {
  kind: "table";
  head: readonly string[];
  rows: readonly string[];
  more: (left: number) => string;
  tail?: readonly string[];
  share?: number;
}

export type MarkdownBlock =
  /** Lines that must be there: counted, never dropped. */
  | { kind: "must"; lines: readonly string[] }
  /** A block whole if it fits, else `instead` if that fits; never part of it. */
  | { kind: "whole"; lines: readonly string[]; instead?: readonly string[] }
  | TableBlock;

/** Lays `blocks` out in order within `maxChars`, keeping `reserve` characters for what `footer` adds. */
export function fitMarkdown(
  blocks: readonly MarkdownBlock[],
  maxChars: number,
  reserve: number,
  footer: (shortened: boolean) => readonly string[],
): string {
  const lines: string[] = [];
  let shortened = false;
  let left = maxChars - reserve;
  const take = (taken: readonly string[]) => {
    lines.push(...taken);
    left -= cost(taken);
  };
  for (const block of blocks) {
    const fitted = fitBlock(block, left);
    take(fitted.lines);
    shortened = shortened || fitted.shortened;
  }
  take(footer(shortened));
  return `${lines.join("\n")}\n`;
}

function fitBlock(block: MarkdownBlock, left: number): { lines: readonly string[]; shortened: boolean } {
  if (block.kind === "must") return { lines: block.lines, shortened: false };
  if (block.kind === "whole") {
    if (cost(block.lines) <= left) return { lines: block.lines, shortened: false };
    const instead = block.instead ?? [];
    return { lines: cost(instead) <= left ? instead : [], shortened: true };
  }
  return fitTable(block, Math.min(left, left * (block.share ?? 1)));
}

function fitTable(table: TableBlock, room: number): { lines: readonly string[]; shortened: boolean } {
  const { head, rows, more } = table;
  const tail = table.tail ?? [""];
  let spent = cost(head) + cost(tail);
  if (spent + cost([more(rows.length)]) > room) return { lines: [], shortened: rows.length > 0 };
  let shown = 0;
  for (const row of rows) {
    const after = rows.length - shown - 1;
    if (spent + cost([row]) + (after > 0 ? cost([more(after)]) : 0) > room) break;
    spent += cost([row]);
    shown += 1;
  }
  const cut = shown < rows.length;
  return {
    lines: [...head, ...rows.slice(0, shown), ...(cut ? [more(rows.length - shown)] : []), ...tail],
    shortened: cut,
  };
}

const cost = (lines: readonly string[]): number => lines.reduce((sum, line) => sum + line.length + 1, 0);
