import type { RunOutputChunk } from '../../../shared/types/runbooks';

/**
 * Live output of one step attempt, bounded in the browser too: the first HEAD_CHARS and the last
 * TAIL_CHARS are kept, the middle is dropped. What is not shown is the core's byte count less
 * what arrived, plus what was dropped here: that covers the core's skips and output printed
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
  /** Bytes the core reported as not sent live (each message counts those since the previous one). */
  skipped: number;
  /** Bytes that arrived here (before colour codes were stripped). */
  receivedBytes: number;
  /** Bytes that arrived but were dropped here (the middle). */
  droppedBytes: number;
}

export const EMPTY_OUTPUT: OutputBuffer = { head: '', tail: '', headClosed: false, totalBytes: 0, skipped: 0, receivedBytes: 0, droppedBytes: 0 };

const encoder = new TextEncoder();

// CSI, OSC, charset and two-byte escapes: the same set the core strips from stored output.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
export const stripAnsi = (text: string) => text.replace(ANSI, '');
export const byteLength = (text: string) => encoder.encode(text).length;

export function appendOutput(buffer: OutputBuffer, chunk: RunOutputChunk): OutputBuffer {
  let { head, tail, headClosed } = buffer;
  // Bytes missing before this text (the core skipped some, or this page joined a running step late): the gap comes first.
  if (chunk.skipped > 0) headClosed = true;
  const first = buffer.totalBytes === 0 && head === '' && tail === '';
  if (first && chunk.totalBytes > byteLength(chunk.text)) headClosed = true;
  // Live text is raw (the core strips colours only from the stored copy): plain text here too.
  let text = stripAnsi(chunk.text);
  if (!headClosed) {
    const room = HEAD_CHARS - head.length;
    head += text.slice(0, room);
    text = text.slice(room);
    if (text.length > 0) headClosed = true;
  }
  let droppedBytes = buffer.droppedBytes;
  if (text.length > 0) {
    const joined = tail + text;
    const cut = Math.max(0, joined.length - TAIL_CHARS);
    if (cut > 0) droppedBytes += byteLength(joined.slice(0, cut));
    tail = joined.slice(cut);
  }
  return {
    head,
    tail,
    headClosed,
    totalBytes: Math.max(buffer.totalBytes, chunk.totalBytes),
    skipped: buffer.skipped + chunk.skipped,
    receivedBytes: buffer.receivedBytes + byteLength(chunk.text),
    droppedBytes,
  };
}

/** Bytes printed that the buffer does not hold. */
export function bytesNotShown(buffer: OutputBuffer): number {
  return Math.max(0, buffer.totalBytes - buffer.receivedBytes + buffer.droppedBytes);
}
