import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorEnvelope } from '../../../shared/api/envelope';
import type { LiveMessage } from '../../../shared/api/live';
import type { Logger } from '../logger';
import type { OpsbarCore } from '../opsbarCore';
import { fullStatusMessage } from '../status/statusChanges';
import { sendEnvelope } from './responses';

const HEARTBEAT_MS = 15_000;

export interface LiveStreamLimits {
  /** Open live connections at most; one more is answered 503. */
  maxClients: number;
  /** Bytes queued for one client (beyond what the kernel holds) before it is dropped. */
  maxBufferedBytes: number;
  /** Messages written to a client with no 'drain' in between before it is dropped. */
  maxUndrainedMessages: number;
}

// 32 dashboards is far more than one operator opens; each costs a little on every publish.
// 256 KiB is several full statuses (about 34 KB each): a client that far behind is not reading.
export const DEFAULT_LIVE_LIMITS: LiveStreamLimits = { maxClients: 32, maxBufferedBytes: 256 * 1024, maxUndrainedMessages: 64 };

interface LiveClient {
  res: ServerResponse;
  close(): void;
}

/**
 * Live updates over Server-Sent Events: the current status first, then every message.
 * Connections are capped, and a client that stops reading is dropped rather than buffered for.
 */
export class LiveStream {
  private readonly clients = new Set<LiveClient>();
  private readonly limits: LiveStreamLimits;

  constructor(
    private readonly core: Pick<OpsbarCore, 'subscribe' | 'status'>,
    private readonly log: Logger,
    limits: Partial<LiveStreamLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIVE_LIMITS, ...limits };
  }

  get size(): number {
    return this.clients.size;
  }

  attach(req: IncomingMessage, res: ServerResponse, headers: Readonly<Record<string, string>>): void {
    if (this.clients.size >= this.limits.maxClients) {
      const message = `Too many live connections (${this.limits.maxClients} open): close another dashboard tab or client, then reload.`;
      return sendEnvelope(res, 503, errorEnvelope('unavailable', message), { 'Retry-After': '5' });
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    let undrained = 0;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.clients.delete(client);
    };
    const drop = (why: string) => {
      if (closed) return;
      close();
      this.log.warn(`live stream: dropped the client at ${peer}: ${why}. It reconnects when it reads again.`);
      // A reset, not a close: what the kernel still holds for it is freed now, not after minutes of window probes.
      if (res.socket) res.socket.resetAndDestroy();
      else res.destroy();
    };
    const write = (chunk: string) => {
      if (closed) return;
      if (res.write(chunk)) return void (undrained = 0);
      undrained += 1;
      if (res.writableLength > this.limits.maxBufferedBytes) drop(`${res.writableLength} bytes waiting, over ${this.limits.maxBufferedBytes}`);
      else if (undrained > this.limits.maxUndrainedMessages) drop(`${undrained} messages written without the socket draining`);
    };
    const send = (message: LiveMessage) => write(`data: ${JSON.stringify(message)}\n\n`);
    const client: LiveClient = { res, close };
    this.clients.add(client);
    res.on('drain', () => (undrained = 0));
    res.on('close', close);
    res.on('error', close);
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const unsubscribe = this.core.subscribe(send);
    send(fullStatusMessage(this.core.status()));
  }

  closeAll(): void {
    for (const client of [...this.clients]) {
      client.close();
      // One that is not reading would hold the server's close open forever.
      if (client.res.writableLength > 0) client.res.destroy();
      else client.res.end();
    }
  }
}
