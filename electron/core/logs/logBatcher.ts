import type { LogLine } from '../../../shared/types/logs';
import type { Clock } from '../clock';
import type { RawLogLine } from './logLines';

/** How often a following session sends what arrived. */
export const BATCH_INTERVAL_MS = 200;
/** Per batch: 200 lines and 52 KiB every 200 ms is ~1,000 lines/s and ~256 KiB/s per session. */
export const BATCH_MAX_LINES = 200;
export const BATCH_MAX_BYTES = 52 * 1024;
/** Lines waiting for the next batch, at most: what arrives beyond is counted as dropped, not kept. */
export const PENDING_MAX_LINES = 1_000;
export const PENDING_MAX_BYTES = 256 * 1024;

export interface LogBatch {
  lines: LogLine[];
  dropped: number;
}

export interface LogBatcher {
  add(line: RawLogLine): void;
  /** Whether the next line would be dropped (the queue is at its bound): the caller need not parse it. */
  readonly full: boolean;
  /** Counts a line dropped without being read (see `full`). */
  countDropped(): void;
  /** Sends what is waiting now, with `ended` (the last chunk); stops the timer. */
  finish(): LogBatch;
  readonly bufferedLines: number;
  readonly bufferedBytes: number;
  /** Lines dropped over the session's life. */
  readonly droppedTotal: number;
}

/**
 * A session's bounded queue between the engine and the view: fixed caps on the lines and bytes
 * waiting, a batch every BATCH_INTERVAL_MS within the per-batch caps, the rest dropped and counted.
 */
export function createLogBatcher(clock: Clock, nextSeq: () => number, send: (batch: LogBatch) => void): LogBatcher {
  let pending: LogLine[] = [];
  let pendingBytes = 0;
  let dropped = 0;
  let droppedTotal = 0;
  let timer: { cancel(): void } | null = null;

  const take = (): LogBatch => {
    const lines: LogLine[] = [];
    let bytes = 0;
    let index = 0;
    while (index < pending.length && lines.length < BATCH_MAX_LINES) {
      const size = pending[index].text.length + 40;
      if (lines.length > 0 && bytes + size > BATCH_MAX_BYTES) break;
      lines.push(pending[index]);
      bytes += size;
      index++;
    }
    pending = pending.slice(index);
    pendingBytes -= bytes;
    const batch = { lines, dropped };
    dropped = 0;
    return batch;
  };
  const tick = () => {
    timer = null;
    const batch = take();
    if (batch.lines.length > 0 || batch.dropped > 0) send(batch);
    if (pending.length > 0 || dropped > 0) schedule();
  };
  const schedule = () => {
    timer ??= clock.setTimeout(tick, BATCH_INTERVAL_MS);
  };
  return {
    add(raw) {
      const size = raw.text.length + 40;
      const seq = nextSeq(); // dropped lines use up their number too: the view sees the gap
      if (pending.length >= PENDING_MAX_LINES || pendingBytes + size > PENDING_MAX_BYTES) {
        dropped++;
        droppedTotal++;
      } else {
        const line: LogLine = { seq, stream: raw.stream, at: raw.at, text: raw.text };
        if (raw.cut) line.cut = true;
        pending.push(line);
        pendingBytes += size;
      }
      schedule();
    },
    get full() {
      return pending.length >= PENDING_MAX_LINES || pendingBytes + 40 > PENDING_MAX_BYTES;
    },
    countDropped() {
      nextSeq();
      dropped++;
      droppedTotal++;
      schedule();
    },
    finish() {
      timer?.cancel();
      timer = null;
      const batch = take();
      // What a last batch cannot carry is dropped with it: the session is over.
      batch.dropped += pending.length;
      droppedTotal += pending.length;
      pending = [];
      pendingBytes = 0;
      return batch;
    },
    get bufferedLines() {
      return pending.length;
    },
    get bufferedBytes() {
      return pendingBytes;
    },
    get droppedTotal() {
      return droppedTotal;
    },
  };
}
