import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { DockerEndpoint } from '../monitors/docker/dockerEndpoint';
import { createLineSplitter, type LineSkipping, type LineSplitter, type RawLogLine } from './logLines';
import { createLogDemuxer, LogFrameError } from './multiplexDemux';

/** What the log view needs of `GET /containers/{ref}/json`. */
export interface LogTarget {
  id: string;
  name: string;
  tty: boolean;
  running: boolean;
}

/** The engine answered a log request with an HTTP error (404: no such container). */
export class LogRequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'LogRequestError';
  }
}

const MAX_INSPECT_BYTES = 4 * 1024 * 1024;
const MAX_ERROR_BYTES = 64 * 1024;

function requestTarget(endpoint: DockerEndpoint) {
  return endpoint.kind === 'unix' ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };
}

/** Opens a GET with its own socket (no agent): closing the log destroys exactly that connection. */
function get(endpoint: DockerEndpoint, path: string): { req: ClientRequest; response: Promise<IncomingMessage> } {
  const req = httpRequest({ ...requestTarget(endpoint), agent: false, path, method: 'GET' });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  req.end();
  return { req, response };
}

function readAtMost(res: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        res.destroy();
        return reject(new Error(`reply over ${limit} bytes`));
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function engineMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown } | null)?.message;
    if (typeof message === 'string') return message.trim().slice(0, 300);
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 200);
}

async function failIfNotOk(res: IncomingMessage, what: string): Promise<void> {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return;
  const body = await readAtMost(res, MAX_ERROR_BYTES).catch(() => '');
  throw new LogRequestError(status, `${what} failed with HTTP ${status}${body ? `: ${engineMessage(body)}` : ''}`);
}

/** The container's id, name, whether it has a TTY and runs (the API takes a name or an id). */
export async function inspectLogTarget(endpoint: DockerEndpoint, ref: string): Promise<LogTarget> {
  const { req, response } = get(endpoint, `/containers/${encodeURIComponent(ref)}/json`);
  const res = await response;
  try {
    await failIfNotOk(res, 'GET /containers/{id}/json');
    const body: unknown = JSON.parse(await readAtMost(res, MAX_INSPECT_BYTES));
    const raw = body as { Id?: unknown; Name?: unknown; Config?: { Tty?: unknown }; State?: { Running?: unknown } } | null;
    if (typeof raw?.Id !== 'string') throw new Error('the engine answered an inspect without an Id');
    return {
      id: raw.Id,
      name: typeof raw.Name === 'string' ? raw.Name.replace(/^\//, '') : ref,
      tty: raw.Config?.Tty === true,
      running: raw.State?.Running === true,
    };
  } finally {
    req.destroy();
  }
}

export interface LogStreamRequest {
  tail: number | 'all';
  follow: boolean;
  /** Epoch ns: only lines at or after it (the engine's `since`, which takes fractional seconds). */
  sinceNs?: bigint;
}

export interface LogStreamHandlers {
  onLine(line: RawLogLine): void;
  /** When set: lines arriving while it is false are only counted (onSkipped), never parsed. */
  skipping?: LineSkipping;
  /** Once: `error` null when the engine ended the stream (the container stopped, or a non-follow read is done). */
  onEnd(error: Error | null): void;
}

/** An open log read: pause/resume for backpressure, close to end the request to the engine. */
export interface LogStream {
  pause(): void;
  resume(): void;
  close(): void;
  /** The connection to the engine, once connected (tests check it is destroyed on close). */
  readonly socket: Socket | null;
}

export function logsPath(id: string, request: LogStreamRequest): string {
  const query = new URLSearchParams({ stdout: '1', stderr: '1', timestamps: '1', follow: request.follow ? '1' : '0', tail: String(request.tail) });
  if (request.sinceNs !== undefined) {
    const seconds = request.sinceNs / 1_000_000_000n;
    const nanos = (request.sinceNs % 1_000_000_000n).toString().padStart(9, '0');
    query.set('since', `${seconds}.${nanos}`);
  }
  return `/containers/${encodeURIComponent(id)}/logs?${query.toString()}`;
}

/**
 * `GET /containers/{id}/logs` over the engine's socket, demultiplexed and split into lines as the
 * bytes come: memory held is one frame header and one partial line per stream, whatever arrives.
 * Resolves once the engine answered with 200 (rejects with LogRequestError otherwise).
 */
export async function openLogStream(endpoint: DockerEndpoint, target: Pick<LogTarget, 'id' | 'tty'>, request: LogStreamRequest, handlers: LogStreamHandlers): Promise<LogStream> {
  const { req, response } = get(endpoint, logsPath(target.id, request));
  let socket: Socket | null = null;
  req.on('socket', (s) => (socket = s));
  const res = await response;
  try {
    await failIfNotOk(res, 'GET /containers/{id}/logs');
  } finally {
    if ((res.statusCode ?? 0) >= 300) req.destroy();
  }
  let ended = false;
  let closed = false;
  const finish = (error: Error | null) => {
    if (ended) return;
    ended = true;
    req.destroy();
    if (!closed) handlers.onEnd(error);
  };
  const splitters: Record<'stdout' | 'stderr', LineSplitter> = {
    stdout: createLineSplitter('stdout', (line) => !ended && handlers.onLine(line), handlers.skipping),
    stderr: createLineSplitter('stderr', (line) => !ended && handlers.onLine(line), handlers.skipping),
  };
  const demuxer = createLogDemuxer(target.tty, (stream, bytes) => splitters[stream].push(bytes));
  res.on('data', (chunk: Buffer) => {
    if (ended) return;
    try {
      demuxer.push(chunk);
    } catch (error) {
      finish(error instanceof LogFrameError ? error : new LogFrameError(String(error)));
    }
  });
  res.on('end', () => {
    if (ended) return;
    if (demuxer.midHeader) return finish(new LogFrameError('the stream stopped inside a frame header'));
    splitters.stdout.end();
    splitters.stderr.end();
    finish(null);
  });
  res.on('error', (error) => finish(error));
  res.on('close', () => {
    if (!res.complete) finish(new Error('the Docker engine closed the log connection'));
  });
  return {
    pause: () => res.pause(),
    resume: () => res.resume(),
    close() {
      closed = true;
      finish(null);
    },
    get socket() {
      return socket;
    },
  };
}

/** The last `tail` lines (a read without follow: the engine ends it at the end of the log). */
export function readLogTail(endpoint: DockerEndpoint, target: Pick<LogTarget, 'id' | 'tty'>, tail: number | 'all'): Promise<RawLogLine[]> {
  return new Promise((resolve, reject) => {
    const lines: RawLogLine[] = [];
    openLogStream(endpoint, target, { tail, follow: false }, {
      onLine: (line) => lines.push(line),
      onEnd: (error) => (error ? reject(error) : resolve(lines)),
    }).catch(reject);
  });
}
