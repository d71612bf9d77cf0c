/**
 * A hostile Docker engine on a unix socket: valid HTTP that floods, hangs, lies or breaks off.
 *
 *   const engine = await startFakeDockerEngine(tempDir());
 *   engine.reply('/containers/json', { kind: 'flood', bytes: 512 * 1024 * 1024 });
 *   … point Opsbar at engine.socketPath (docker.endpoint in config.yaml) …
 *   await engine.close();
 *
 * Routes match on the request path without its query string or API version: a prefix, where
 * a star stands for one path segment (the stats of any container); the longest matching pattern
 * wins. By default it is a quiet, healthy engine with no containers and an idle /events stream.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';

export type FakeReply =
  /** 200 with this value as JSON (null, [{}], {"Id":5}, … are all fair). */
  | { kind: 'json'; body: unknown; status?: number }
  /** 200 with this exact text (not necessarily JSON). */
  | { kind: 'text'; body: string; status?: number }
  /** 200 with `bytes` bytes of JSON-looking filler, as fast as the client reads; `announce: false` sends no Content-Length. */
  | { kind: 'flood'; bytes: number; announce?: boolean }
  /** Headers never come: the request is left open until the client gives up. */
  | { kind: 'hang' }
  /** Headers and half a body, then the connection is cut. */
  | { kind: 'closeMidBody'; body: string }
  /** A stream that is opened and then stays silent (what /events does on a quiet engine). */
  | { kind: 'openStream' };

export interface FakeDockerEngine {
  socketPath: string;
  /** Sets what a path (prefix, no query) answers from now on. */
  reply(pathPrefix: string, reply: FakeReply): void;
  /** Paths requested so far (with their query), in order. */
  readonly requests: string[];
  /** Bytes of flood filler handed to sockets so far (how much a client let in before it left). */
  floodedBytes(): number;
  /** Resolves when a request whose path starts with `pathPrefix` has arrived (or already had). */
  requested(pathPrefix: string): Promise<void>;
  close(): Promise<void>;
}

const FLOOD_CHUNK = Buffer.alloc(64 * 1024, ' ');

export function startFakeDockerEngine(dir: string, name = 'docker.sock'): Promise<FakeDockerEngine> {
  const socketPath = join(dir, name);
  const routes = new Map<string, FakeReply>([
    ['/_ping', { kind: 'text', body: 'OK' }],
    ['/version', { kind: 'json', body: { Version: '99.0.0-fake', ApiVersion: '1.45' } }],
    ['/containers/json', { kind: 'json', body: [] }],
    ['/events', { kind: 'openStream' }],
  ]);
  const requests: string[] = [];
  const waiters: { prefix: string; resolve: () => void }[] = [];
  const open = new Set<ServerResponse>();
  const counters = { flooded: 0 };

  const routeFor = (path: string): FakeReply => {
    const bare = barePath(path);
    let best: string | null = null;
    for (const prefix of routes.keys()) if (matches(bare, prefix) && (best === null || prefix.length > best.length)) best = prefix;
    return best === null ? { kind: 'json', status: 404, body: { message: `page not found: ${bare}` } } : routes.get(best)!;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    requests.push(url);
    const path = url.split('?')[0];
    for (const waiter of waiters.splice(0)) {
      if (matches(barePath(path), waiter.prefix)) waiter.resolve();
      else waiters.push(waiter);
    }
    open.add(res);
    res.on('close', () => open.delete(res));
    serve(routeFor(path), res, counters);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      resolve({
        socketPath,
        reply: (prefix, reply) => void routes.set(prefix, reply),
        requests,
        floodedBytes: () => counters.flooded,
        requested: (prefix) =>
          new Promise<void>((done) => {
            if (requests.some((r) => matches(barePath(r.split('?')[0]), prefix))) return done();
            waiters.push({ prefix, resolve: done });
          }),
        close: () =>
          new Promise<void>((done) => {
            for (const res of open) res.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Engine API paths may carry a version prefix (/v1.45/containers/json). */
function barePath(path: string): string {
  return path.replace(/^\/v\d+(\.\d+)?(?=\/)/, '');
}

function matches(bare: string, pattern: string): boolean {
  if (!pattern.includes('*')) return bare.startsWith(pattern);
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${source}`).test(bare);
}

function serve(reply: FakeReply, res: ServerResponse, counters: { flooded: number }): void {
  switch (reply.kind) {
    case 'json':
    case 'text': {
      const body = reply.kind === 'json' ? JSON.stringify(reply.body) : reply.body;
      res.writeHead(reply.status ?? 200, { 'Content-Type': reply.kind === 'json' ? 'application/json' : 'text/plain' });
      res.end(body);
      return;
    }
    case 'flood':
      return flood(res, reply.bytes, reply.announce ?? true, counters);
    case 'hang':
      return; // no headers, no body: the client's deadline is all that ends it
    case 'closeMidBody':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(reply.body) * 2) });
      res.write(reply.body, () => res.destroy());
      return;
    case 'openStream':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      return;
  }
}

/** `[` then spaces (valid JSON so far) until `bytes`, honouring backpressure; stops when the client leaves. */
function flood(res: ServerResponse, bytes: number, announce: boolean, counters: { flooded: number }): void {
  res.writeHead(200, { 'Content-Type': 'application/json', ...(announce ? { 'Content-Length': String(bytes) } : {}) });
  let left = bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left === bytes ? Buffer.concat([Buffer.from('['), FLOOD_CHUNK.subarray(1)]) : FLOOD_CHUNK;
      const chunk = piece.subarray(0, Math.min(piece.length, left));
      left -= chunk.length;
      counters.flooded += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (left <= 0) res.end();
  };
  pump();
}
