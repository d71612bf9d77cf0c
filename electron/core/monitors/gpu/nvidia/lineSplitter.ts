import { StringDecoder } from 'node:string_decoder';

export interface LineSplitterHooks {
  onLine(line: string): void;
  /** A line longer than the bound: only its start is kept (for the error message); the rest is dropped. */
  onOversize(head: string): void;
}

export interface LineSplitter {
  push(chunk: Buffer | string): void;
  /** The stream ended: a last line without a final newline is still a line. */
  end(): void;
}

/**
 * Cuts a child's output into lines as it arrives, with a bounded buffer: a tool that prints
 * without newlines must not grow Opsbar's memory. LF and CRLF both end a line.
 */
export function createLineSplitter(hooks: LineSplitterHooks, maxLineChars = 64 * 1024): LineSplitter {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  // Inside an over-long line: drop everything up to its newline.
  let discarding = false;

  const emit = (line: string) => hooks.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);

  const take = (text: string) => {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      const piece = text.slice(start, newline);
      if (discarding) discarding = false;
      else if (buffer.length + piece.length > maxLineChars) hooks.onOversize((buffer + piece.slice(0, 200)).slice(0, 200));
      else emit(buffer + piece);
      buffer = '';
      start = newline + 1;
    }
    if (discarding) return;
    buffer += text.slice(start);
    if (buffer.length > maxLineChars) {
      hooks.onOversize(buffer.slice(0, 200));
      buffer = '';
      discarding = true;
    }
  };

  return {
    push(chunk) {
      take(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    },
    end() {
      take(decoder.end());
      if (!discarding && buffer.length > 0) emit(buffer);
      buffer = '';
      discarding = false;
    },
  };
}
