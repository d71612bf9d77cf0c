import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveMessage } from '../../../shared/api/live';
import type { OpsbarCore } from '../opsbarCore';
import { fullStatusMessage } from '../status/statusChanges';

const HEARTBEAT_MS = 15_000;

/** Live updates over Server-Sent Events: the current status first, then every message. */
export class LiveStream {
  private readonly clients = new Set<ServerResponse>();

  constructor(private readonly core: Pick<OpsbarCore, 'subscribe' | 'status'>) {}

  attach(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const write = (message: LiveMessage) => res.write(`data: ${JSON.stringify(message)}\n\n`);
    write(fullStatusMessage(this.core.status()));
    const unsubscribe = this.core.subscribe(write);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    this.clients.add(res);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.clients.delete(res);
    };
    req.on('close', close);
    res.on('error', close);
  }

  closeAll(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
