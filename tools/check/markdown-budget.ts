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

  /** Characters left before the reserve. */
  get remaining(): number {
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

  /**
   * A heading and table header, then rows while they fit (in `limit` characters at most, so one table
   * cannot starve the next), then `more(rowsLeftOut)` in place of the rest.
   */
  table(
    head: readonly string[],
    rows: readonly string[],
    more: (left: number) => string,
    tail: readonly string[] = [""],
    limit = Infinity,
  ): void {
    const room = Math.min(this.remaining, limit);
    let spent = cost(head) + cost(tail);
    if (spent + cost([more(rows.length)]) > room) {
      this.shortened = this.shortened || rows.length > 0;
      return;
    }
    let shown = 0;
    for (const row of rows) {
      const left = rows.length - shown - 1;
      if (spent + cost([row]) + (left > 0 ? cost([more(left)]) : 0) > room) break;
      spent += cost([row]);
      shown += 1;
    }
    this.push(head);
    this.push(rows.slice(0, shown));
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
