/**
 * Splits a byte stream into text lines (`\n` or `\r\n`), refusing to hold more than one bounded
 * line in memory: a server that sends megabytes without a newline fails the probe instead of
 * growing a buffer. UTF-8 split across reads is reassembled (StringDecoder).
 */
import { StringDecoder } from 'node:string_decoder';

export class LineTooLongError extends Error {
  constructor(readonly limit: number, readonly lineNumber: number) {
    super(`line ${lineNumber} is longer than ${Math.round(limit / 1024)} KiB`);
  }
}

export class BoundedLines {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private lineNumber = 0;

  constructor(private readonly maxLineChars: number) {}

  /** The complete lines in `bytes` (plus what was pending); keeps the unfinished tail. */
  push(bytes: Buffer): string[] {
    const text = this.pending + this.decoder.write(bytes);
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    const out: string[] = [];
    for (const line of lines) {
      this.lineNumber++;
      if (line.length > this.maxLineChars) throw new LineTooLongError(this.maxLineChars, this.lineNumber);
      out.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (this.pending.length > this.maxLineChars) throw new LineTooLongError(this.maxLineChars, this.lineNumber + 1);
    return out;
  }

  /** The last line when the stream ended without a newline after it (empty array if none). */
  end(): string[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest === '') return [];
    this.lineNumber++;
    return [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  }

  /** Number of the last line handed out (1-based), for error messages. */
  get lastLineNumber(): number {
    return this.lineNumber;
  }
}
