import { StringDecoder } from 'node:string_decoder';

/** Longest line kept while waiting for its newline; anything longer is garbage, not an event. */
const MAX_LINE_CHARS = 1024 * 1024;

/**
 * Splits a stream of newline-delimited JSON (Docker's /events) into objects. Chunks may be cut
 * anywhere, even inside a UTF-8 character; lines that are not a JSON object are counted and skipped.
 */
export class JsonLineParser {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private discarding = false;
  /** Lines skipped because they were not a JSON object, or too long. */
  skipped = 0;

  /** Feeds one chunk; returns the complete objects it finished. */
  push(chunk: Buffer | string): Record<string, unknown>[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const out: Record<string, unknown>[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.discarding) {
        this.discarding = false;
        this.buffer = '';
        continue;
      }
      this.take(this.buffer + piece, out);
      this.buffer = '';
    }
    if (!this.discarding) {
      this.buffer += text.slice(start);
      if (this.buffer.length > MAX_LINE_CHARS) {
        this.buffer = '';
        this.discarding = true;
        this.skipped++;
      }
    }
    return out;
  }

  /** Flushes the last line when the stream ends without a newline. */
  end(): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const rest = this.buffer + this.decoder.end();
    this.buffer = '';
    if (!this.discarding) this.take(rest, out);
    this.discarding = false;
    return out;
  }

  private take(line: string, out: Record<string, unknown>[]): void {
    const trimmed = line.trim();
    if (trimmed === '') return;
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(value as Record<string, unknown>);
      else this.skipped++;
    } catch {
      this.skipped++;
    }
  }
}
