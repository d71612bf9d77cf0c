import type { RunbookProblem } from '../../../../shared/types/runbooks';

/** More problems than this are summarised: a broken file should not produce a wall of text. */
export const MAX_PROBLEMS_PER_FILE = 50;

/**
 * Collects every problem of one file (the parser reports all of them, not only the first),
 * sorted by line when read back.
 */
export class ProblemList {
  private readonly problems: RunbookProblem[] = [];
  private dropped = 0;

  constructor(private readonly file: string) {}

  add(line: number, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS_PER_FILE) {
      this.dropped++;
      return;
    }
    this.problems.push({ file: this.file, line, message });
  }

  get count(): number {
    return this.problems.length + this.dropped;
  }

  list(): RunbookProblem[] {
    // A stable sort keeps problems of one line in the order they were found.
    const sorted = [...this.problems].sort((a, b) => a.line - b.line);
    if (this.dropped > 0) {
      const lastLine = sorted[sorted.length - 1]?.line ?? 0;
      sorted.push({ file: this.file, line: lastLine, message: `…and ${this.dropped} more problems (fix the ones above first).` });
    }
    return sorted;
  }
}
