/**
 * Markdown written under a character budget, for a PR comment: GitHub refuses a comment over
 * 65,536 characters, and the comment holds a section per stack. Blocks go in whole or not at all
 * (a Mermaid diagram cut midway would not render), tables row by row with a line counting the rows
 * left out. What must be there (heading, verdict) is added first and never dropped.
 */
export class BudgetedMarkdown {
  private readonly lines: string[] = [];
  private used = 0;
  /** Something was left out or shortened to fit. */
  shortened = false;

  /** `reserve`: characters kept for what is added last (the footer), whatever comes before. */
  constructor(
    private readonly maxChars: number,
    private readonly reserve: number,
  ) {}

  private get remaining(): number {
    return this.maxChars - this.reserve - this.used;
  }

  private push(lines: readonly string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.used += line.length + 1;
    }
  }

  /** Lines that must be there: counted, never dropped. */
  must(lines: readonly string[]): void {
    this.push(lines);
  }

  /** A block whole if it fits, else `instead` if that fits; never part of it. */
  whole(lines: readonly string[], instead: readonly string[] = []): boolean {
    if (cost(lines) <= this.remaining) {
      this.push(lines);
      return true;
    }
    this.shortened = true;
    if (cost(instead) <= this.remaining) this.push(instead);
    return false;
  }

  /** A heading and table header, then rows while they fit, then `more(rowsLeftOut)` in place of the rest. */
  table(
    head: readonly string[],
    rows: readonly string[],
    more: (left: number) => string,
    tail: readonly string[] = [""],
  ): void {
    const moreLine = more(rows.length);
    if (cost([...head, moreLine, ...tail]) > this.remaining) {
      this.shortened = this.shortened || rows.length > 0;
      return;
    }
    this.push(head);
    let shown = 0;
    for (const row of rows) {
      if (cost([row, more(rows.length - shown - 1), ...tail]) > this.remaining) break;
      this.push([row]);
      shown += 1;
    }
    if (shown < rows.length) {
      this.shortened = true;
      this.push([more(rows.length - shown)]);
    }
    this.push(tail);
  }

  /** The footer, into the reserve kept for it. */
  finish(footer: readonly string[]): string {
    this.push(footer);
    return `${this.lines.join("\n")}\n`;
  }
}

const cost = (lines: readonly string[]): number => lines.reduce((sum, line) => sum + line.length + 1, 0);
