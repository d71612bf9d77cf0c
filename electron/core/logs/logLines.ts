import type { LogStreamName } from './multiplexDemux';

/** Longest line kept: the rest of a longer line is skipped up to its newline (`cut` set). */
export const MAX_LINE_BYTES = 8 * 1024;

/** A line as read off the stream, with Docker's timestamp in nanoseconds (for `since` and dedup). */
export interface RawLogLine {
  stream: LogStreamName;
  /** Epoch ms, or null when the line has no timestamp prefix. */
  at: number | null;
  /** Epoch ns, or null: exact, to tell lines of the same millisecond apart. */
  atNs: bigint | null;
  text: string;
  cut: boolean;
  /** Bytes of the line as it came (what the session's byte bounds count). */
  bytes: number;
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) ?/;

// Lines of one burst share their second: its parse is kept (Date.parse was most of the cost at 1M lines/s).
let cachedSecond = '';
let cachedSecondMs = NaN;
let cachedSecondNs = 0n;

/** Docker's RFC3339Nano prefix ("2026-12-02T10:00:00.123456789Z "): the time and the text after it. */
export function parseTimestampPrefix(line: string): { at: number | null; atNs: bigint | null; text: string } {
  const match = TIMESTAMP.exec(line);
  if (!match) return { at: null, atNs: null, text: line };
  const second = `${match[1]}${match[3]}`;
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedSecondMs = Date.parse(second);
    cachedSecondNs = Number.isFinite(cachedSecondMs) ? BigInt(cachedSecondMs) * 1_000_000n : 0n;
  }
  if (!Number.isFinite(cachedSecondMs)) return { at: null, atNs: null, text: line };
  const fraction = (match[2] ?? '').padEnd(9, '0');
  return { at: cachedSecondMs + Number(fraction.slice(0, 3)), atNs: cachedSecondNs + BigInt(fraction), text: line.slice(match[0].length) };
}

/** Removes control characters except tab (a container's ANSI colours, bells, carriage returns). */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, '');
}

export interface LineSplitter {
  push(bytes: Buffer): void;
  /** The stream ended: a last line without newline is passed on. */
  end(): void;
  /** Bytes held for the line not finished yet (at most MAX_LINE_BYTES). */
  readonly heldBytes: number;
}

/** Lets a full consumer count lines without their being parsed (a flood costs a newline scan per line). */
export interface LineSkipping {
  wanted(): boolean;
  onSkipped(): void;
}

/** Splits one stream's bytes into lines, never holding more than MAX_LINE_BYTES of a partial line. */
export function createLineSplitter(stream: LogStreamName, onLine: (line: RawLogLine) => void, skipping?: LineSkipping): LineSplitter {
  const held = Buffer.alloc(MAX_LINE_BYTES);
  let fill = 0;
  let cut = false;
  let skipped = 0;
  const emit = () => {
    if (skipping && !skipping.wanted()) {
      skipping.onSkipped();
      fill = 0;
      cut = false;
      skipped = 0;
      return;
    }
    const { at, atNs, text } = parseTimestampPrefix(held.toString('utf8', 0, fill));
    onLine({ stream, at, atNs, text: stripControl(text), cut, bytes: fill + skipped });
    fill = 0;
    cut = false;
    skipped = 0;
  };
  return {
    get heldBytes() {
      return fill;
    },
    push(bytes) {
      let offset = 0;
      while (offset < bytes.length) {
        const newline = bytes.indexOf(0x0a, offset);
        const end = newline === -1 ? bytes.length : newline;
        const room = MAX_LINE_BYTES - fill;
        const take = Math.min(room, end - offset);
        bytes.copy(held, fill, offset, offset + take);
        fill += take;
        if (end - offset > take) {
          cut = true;
          skipped += end - offset - take;
        }
        if (newline === -1) return;
        emit();
        offset = newline + 1;
      }
    },
    end() {
      if (fill > 0 || cut) emit();
    },
  };
}
