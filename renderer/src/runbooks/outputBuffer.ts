import type { RunOutputChunk } from '../../../shared/types/runbooks';

/**
 * Live output of one step attempt, bounded in the browser too: the first HEAD_CHARS and the last
 * TAIL_CHARS are kept, the middle is dropped. How much is not shown is taken from the core's
 * byte count, so it covers what the core skipped, what was dropped here, and output printed
 * before this page started listening.
 */
export const HEAD_CHARS = 32 * 1024;
export const TAIL_CHARS = 64 * 1024;

export interface OutputBuffer {
  head: string;
  tail: string;
  /** Once the middle is dropped (here or by the core) new text goes to the tail only. */
  headClosed: boolean;
  /** Bytes printed in all, as the core counted them. */
  totalBytes: number;
  /** Bytes the core reported as not sent live. */
  skipped: number;
}

export const EMPTY_OUTPUT: OutputBuffer = { head: '', tail: '', headClosed: false, totalBytes: 0, skipped: 0 };

const encoder = new TextEncoder();
export const byteLength = (text: string) => encoder.encode(text).length;

export function appendOutput(buffer: OutputBuffer, chunk: RunOutputChunk): OutputBuffer {
  let { head, tail, headClosed } = buffer;
  // Bytes missing before this text (the core skipped some, or this page joined a running step late): the gap comes first.
  if (chunk.skipped > buffer.skipped) headClosed = true;
  const first = buffer.totalBytes === 0 && head === '' && tail === '';
  if (first && chunk.totalBytes > byteLength(chunk.text)) headClosed = true;
  let text = chunk.text;
  if (!headClosed) {
    const room = HEAD_CHARS - head.length;
    head += text.slice(0, room);
    text = text.slice(room);
    if (text.length > 0) headClosed = true;
  }
  if (text.length > 0) tail = (tail + text).slice(-TAIL_CHARS);
  return { head, tail, headClosed, totalBytes: Math.max(buffer.totalBytes, chunk.totalBytes), skipped: Math.max(buffer.skipped, chunk.skipped) };
}

/** Bytes printed that the buffer does not hold. */
export function bytesNotShown(buffer: OutputBuffer): number {
  return Math.max(0, buffer.totalBytes - byteLength(buffer.head) - byteLength(buffer.tail));
}
