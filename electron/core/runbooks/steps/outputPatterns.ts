import type { VerificationCheck } from '../../../../shared/types/runbooks';

export interface OutputPatterns {
  expect?: RegExp;
  reject?: RegExp;
}

/**
 * The expect/reject checks on a text. `scope` names what was searched when it is not all of
 * the output ("first 32 KiB and last 32 KiB of 300 MB"): it goes into the check's label.
 */
export function patternChecks(text: string, patterns: OutputPatterns, what: string, scope: string | null): VerificationCheck[] {
  const where = scope ? ` (searched ${scope})` : '';
  const checks: VerificationCheck[] = [];
  if (patterns.expect) {
    const match = patterns.expect.exec(text);
    // What came instead is the useful part of a miss: the last line the step printed.
    const last = lastLine(text);
    const actual = match ? `found: ${lineAround(text, match.index)}` : last === null ? 'not found (no output)' : `not found; last line: ${last}`;
    checks.push({ label: `${what} matches${where}`, expected: String(patterns.expect), actual, passed: match !== null });
  }
  if (patterns.reject) {
    const match = patterns.reject.exec(text);
    checks.push({
      label: `${what} does not match${where}`,
      expected: `no ${String(patterns.reject)}`,
      actual: match ? `found: ${lineAround(text, match.index)}` : 'not found',
      passed: !match,
    });
  }
  return checks;
}

/** The line holding `index`, shortened for a check's `actual`. */
function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  const line = text.slice(start, end === -1 ? undefined : end).trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** "32 KiB", "1.5 MiB", "300 MB"-style sizes for labels and summaries. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  if (bytes < 1024 ** 3) return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`;
  return `${Math.round((bytes / 1024 ** 3) * 10) / 10} GiB`;
}

/** The last non-empty line of a text (what a failing script says last), shortened. */
export function lastLine(text: string): string | null {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('… ['));
  const line = lines.at(-1);
  if (!line) return null;
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}
