import { isUtf8 } from 'node:buffer';
import type { ProblemList } from './problemList';

export const MAX_RUNBOOK_BYTES = 256 * 1024;
export const MAX_LINE_CHARS = 4096;

export interface SourceText {
  /** The file's lines, without line endings (`\r\n` and `\n` both end a line). */
  lines: string[];
  /** Lines that are over the length limit: the scanner treats them as plain text (bounded work). */
  overlongLines: ReadonlySet<number>;
}

export function tooLargeMessage(bytes: number): string {
  return `The file is ${bytes} bytes; a runbook may be at most ${MAX_RUNBOOK_BYTES} bytes (256 KiB).`;
}

/**
 * Checks the byte-level limits (size, NUL bytes, UTF-8, line length) and splits the text into
 * lines. Every broken line is reported; only an oversized file stops here (nothing is read).
 */
export function readSourceText(bytes: Buffer, problems: ProblemList): SourceText | null {
  if (bytes.length > MAX_RUNBOOK_BYTES) {
    problems.add(0, tooLargeMessage(bytes.length));
    return null;
  }
  checkBytesPerLine(bytes, problems);
  // Invalid sequences become U+FFFD (already reported); a leading BOM is dropped.
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const overlongLines = new Set<number>();
  lines.forEach((line, index) => {
    // Code points, not UTF-16 units: an emoji is one character to the person who wrote it.
    if (line.length > MAX_LINE_CHARS && [...line].length > MAX_LINE_CHARS) {
      overlongLines.add(index);
      problems.add(index + 1, `Line ${index + 1} has ${[...line].length} characters; the limit is ${MAX_LINE_CHARS}.`);
    }
  });
  return { lines, overlongLines };
}

/** NUL bytes and invalid UTF-8, reported with the line they are on (0x0A never occurs inside a UTF-8 sequence). */
function checkBytesPerLine(bytes: Buffer, problems: ProblemList): void {
  const wholeFileIsClean = !bytes.includes(0) && isUtf8(bytes);
  if (wholeFileIsClean) return;
  let start = 0;
  let lineNumber = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const line = bytes.subarray(start, end);
    if (line.includes(0)) problems.add(lineNumber, `Line ${lineNumber} contains a NUL byte; runbooks are text files.`);
    if (!isUtf8(line)) problems.add(lineNumber, `Line ${lineNumber} is not valid UTF-8; save the file as UTF-8.`);
    start = end + 1;
    lineNumber++;
  }
}
