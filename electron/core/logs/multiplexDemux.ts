/**
 * Docker's log stream framing. Without a TTY each frame is an 8-byte header — [stream 0 stdin,
 * 1 stdout, 2 stderr; 0, 0, 0; uint32 big-endian payload size] — then the payload; with a TTY
 * the engine sends raw bytes (one stream, shown as stdout). Payloads are passed on in the pieces
 * they arrive in: a frame claiming 4 GB is never buffered.
 */
export type LogStreamName = 'stdout' | 'stderr';

export class LogFrameError extends Error {
  constructor(problem: string) {
    super(`the Docker engine sent a log stream Opsbar cannot read (${problem})`);
    this.name = 'LogFrameError';
  }
}

export interface LogDemuxer {
  /** Feeds bytes as they came off the socket; throws LogFrameError on a header no engine sends. */
  push(chunk: Buffer): void;
  /** Whether the stream stopped in the middle of a header (bytes the engine never finished). */
  readonly midHeader: boolean;
}

const HEADER_BYTES = 8;

export function createLogDemuxer(tty: boolean, onData: (stream: LogStreamName, bytes: Buffer) => void): LogDemuxer {
  if (tty) return { push: (chunk) => onData('stdout', chunk), midHeader: false };
  const header = Buffer.alloc(HEADER_BYTES);
  let headerFill = 0;
  let remaining = 0;
  let stream: LogStreamName = 'stdout';
  return {
    get midHeader() {
      return headerFill > 0;
    },
    push(chunk) {
      let offset = 0;
      while (offset < chunk.length) {
        if (remaining === 0) {
          const take = Math.min(HEADER_BYTES - headerFill, chunk.length - offset);
          chunk.copy(header, headerFill, offset, offset + take);
          headerFill += take;
          offset += take;
          if (headerFill < HEADER_BYTES) return;
          headerFill = 0;
          const kind = header[0];
          if (kind > 2 || header[1] !== 0 || header[2] !== 0 || header[3] !== 0) {
            throw new LogFrameError(`bad frame header ${header.toString('hex')}`);
          }
          stream = kind === 2 ? 'stderr' : 'stdout';
          remaining = header.readUInt32BE(4);
          continue;
        }
        const take = Math.min(remaining, chunk.length - offset);
        onData(stream, chunk.subarray(offset, offset + take));
        remaining -= take;
        offset += take;
      }
    },
  };
}
