/**
 * The head and tail of a byte stream in bounded memory: a step may print hundreds of MB, and
 * what an operator needs is how it started and how it ended.
 */
export interface OutputCaptureOptions {
  /** Bytes kept from the start (default 32 KiB). */
  headBytes?: number;
  /** Bytes kept from the end (default 32 KiB). */
  tailBytes?: number;
}

const DEFAULT_KEEP = 32 * 1024;

export class OutputCapture {
  private readonly head: Buffer;
  private headLength = 0;
  /** A ring: the last `tailLength` bytes end just before `tailEnd`. */
  private readonly tail: Buffer;
  private tailEnd = 0;
  private tailLength = 0;
  private total = 0;

  constructor(options: OutputCaptureOptions = {}) {
    this.head = Buffer.alloc(Math.max(0, Math.floor(options.headBytes ?? DEFAULT_KEEP)));
    this.tail = Buffer.alloc(Math.max(0, Math.floor(options.tailBytes ?? DEFAULT_KEEP)));
  }

  /** Every byte written so far. */
  get totalBytes(): number {
    return this.total;
  }

  /** Bytes held in memory (never more than headBytes + tailBytes). */
  get keptBytes(): number {
    return this.headLength + this.tailLength;
  }

  /** Some bytes between head and tail were dropped. */
  get truncated(): boolean {
    return this.total > this.headLength + this.tailLength;
  }

  write(chunk: string | Buffer | Uint8Array): void {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    this.total += bytes.length;
    if (this.headLength < this.head.length) {
      const n = bytes.copy(this.head, this.headLength, 0, Math.min(bytes.length, this.head.length - this.headLength));
      this.headLength += n;
      bytes = bytes.subarray(n);
    }
    if (bytes.length > 0) this.pushTail(bytes);
  }

  private pushTail(bytes: Buffer): void {
    const size = this.tail.length;
    if (size === 0) return;
    // Only the last `size` bytes of a big chunk can survive.
    if (bytes.length >= size) {
      bytes.copy(this.tail, 0, bytes.length - size);
      this.tailEnd = 0;
      this.tailLength = size;
      return;
    }
    const first = Math.min(bytes.length, size - this.tailEnd);
    bytes.copy(this.tail, this.tailEnd, 0, first);
    if (first < bytes.length) bytes.copy(this.tail, 0, first);
    this.tailEnd = (this.tailEnd + bytes.length) % size;
    this.tailLength = Math.min(size, this.tailLength + bytes.length);
  }

  private tailBuffer(): Buffer {
    const size = this.tail.length;
    if (this.tailLength < size) return Buffer.from(this.tail.subarray(0, this.tailLength));
    return Buffer.concat([this.tail.subarray(this.tailEnd), this.tail.subarray(0, this.tailEnd)]);
  }

  /**
   * The kept text, ANSI escapes stripped: head + "\n… [N bytes not kept] …\n" + tail when bytes
   * were dropped. A multi-byte character cut by either edge of the gap is left out (and counted
   * as not kept) rather than decoded into replacement characters.
   */
  text(): string {
    const head = this.head.subarray(0, this.headLength);
    const tail = this.tailBuffer();
    if (!this.truncated) return stripAnsi(Buffer.concat([head, tail]).toString('utf8'));
    const headEnd = completeUtf8Length(head);
    const tailStart = leadingContinuationBytes(tail);
    const dropped = this.total - headEnd - (tail.length - tailStart);
    const headText = stripAnsi(head.subarray(0, headEnd).toString('utf8'));
    const tailText = stripAnsi(tail.subarray(tailStart).toString('utf8'));
    return `${headText}\n… [${dropped} bytes not kept] …\n${tailText}`;
  }
}

/** Length of `bytes` without a multi-byte UTF-8 sequence cut off at its end. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  // Look back at most 3 bytes for the lead byte of the last sequence.
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const byte = bytes[i];
    if ((byte & 0xc0) === 0x80) continue; // continuation: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return end - i >= needed ? end : i;
  }
  return end;
}

/** Continuation bytes at the start of `bytes` (the rest of a character cut off before it). */
export function leadingContinuationBytes(bytes: Uint8Array): number {
  let i = 0;
  while (i < Math.min(3, bytes.length) && (bytes[i] & 0xc0) === 0x80) i++;
  return i;
}

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), charset selection, other two-byte escapes, 8-bit CSI.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/** The text without ANSI escape sequences (colours, cursor moves, window titles). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
