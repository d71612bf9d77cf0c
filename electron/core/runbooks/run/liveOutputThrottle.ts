import { StringDecoder } from 'node:string_decoder';
import type { Clock } from '../../clock';

/** At most one live message per this many ms per step (about 10 per second). */
export const LIVE_OUTPUT_INTERVAL_MS = 100;
/** At most this much text per live message. */
export const LIVE_OUTPUT_MAX_BYTES = 16 * 1024;
/** A decoder may hold up to 3 bytes of a cut character back to the next message. */
const SLICE_BYTES = LIVE_OUTPUT_MAX_BYTES - 3;

export interface LiveOutputPiece {
  text: string;
  /** Bytes printed so far. */
  totalBytes: number;
  /** Bytes printed since the last message that this one does not carry. */
  skipped: number;
}

/**
 * Turns a step's output into bounded live messages: at most one per interval, each with the
 * newest 16 KiB that arrived since the last one (older bytes counted as skipped). Memory stays
 * bounded whatever the step prints: pending bytes beyond the cap are dropped as they arrive.
 */
export class LiveOutputThrottle {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipped = 0;
  private total = 0;
  private timer: { cancel(): void } | null = null;
  private decoder = new StringDecoder('utf8');
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly send: (piece: LiveOutputPiece) => void,
    private readonly intervalMs = LIVE_OUTPUT_INTERVAL_MS,
  ) {}

  write(chunk: string | Buffer): void {
    if (this.closed) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.length === 0) return;
    this.total += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    // Drop whole chunks the next message could not carry anyway.
    while (this.pending.length > 1 && this.pendingBytes - this.pending[0].length >= SLICE_BYTES) {
      const dropped = this.pending.shift() as Buffer;
      this.pendingBytes -= dropped.length;
      this.skipped += dropped.length;
    }
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.intervalMs);
  }

  /** Sends what is pending now, and nothing more after (the step ended). */
  close(): void {
    if (this.closed) return;
    this.timer?.cancel();
    this.timer = null;
    this.flush(true);
    this.closed = true;
  }

  private flush(final = false): void {
    let bytes = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    if (bytes.length > SLICE_BYTES) {
      this.skipped += bytes.length - SLICE_BYTES;
      bytes = bytes.subarray(bytes.length - SLICE_BYTES);
    }
    if (this.skipped > 0) {
      // The text does not follow on from the last message: start at a whole character.
      let start = 0;
      while (start < Math.min(3, bytes.length) && (bytes[start] & 0xc0) === 0x80) start++;
      this.skipped += start;
      bytes = bytes.subarray(start);
      this.decoder = new StringDecoder('utf8');
    }
    const text = this.decoder.write(bytes) + (final ? this.decoder.end() : '');
    if (text.length === 0 && this.skipped === 0) return;
    this.send({ text, totalBytes: this.total, skipped: this.skipped });
    this.skipped = 0;
  }
}
