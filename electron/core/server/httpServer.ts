import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorEnvelope, type Envelope } from '../../../shared/api/envelope';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/contentSecurityPolicy';
import type { Logger } from '../logger';
import type { OpsbarCore } from '../opsbarCore';
import { requestToken, sessionCookie, tokensEqual } from './auth';
import { allowedHostHeaders } from './hostPolicy';
import { LiveStream } from './liveStream';
import { StaticFiles } from './staticFiles';

export interface HeadlessServerOptions {
  core: Pick<OpsbarCore, 'dispatch' | 'subscribe' | 'status'>;
  token: string;
  host: string;
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  log: Logger;
}

export interface HeadlessServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

const COMMON_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The dashboard URL carries the token once: never let it leak through a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
}

const STATUS_FOR_ERROR: Record<string, number> = { bad_request: 400, unknown_method: 404, forbidden: 403, not_found: 404, refused: 409, unavailable: 503, internal: 500 };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`Request body over ${MAX_BODY_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The headless mode: the built renderer and the API on a loopback port, behind a token. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const statics = new StaticFiles(options.staticDir);
  const live = new LiveStream(options.core);
  let allowedHosts = new Set<string>();

  const handleApiCall = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    if (req.method !== 'POST') return sendEnvelope(res, 405, errorEnvelope('bad_request', 'Use POST for API calls.'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendEnvelope(res, 415, errorEnvelope('bad_request', 'API calls take a JSON body (Content-Type: application/json).'));
    }
    let payload: unknown;
    try {
      const body = await readBody(req);
      payload = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      return sendEnvelope(res, 400, errorEnvelope('bad_request', `Body is not valid JSON: ${(error as Error).message}`));
    }
    const envelope = await options.core.dispatch(method, payload);
    sendEnvelope(res, envelope.ok ? 200 : (STATUS_FOR_ERROR[envelope.error.code] ?? 500), envelope);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) return send(res, 403, 'Forbidden: unexpected Host header.\n', 'text/plain; charset=utf-8');
    const url = new URL(req.url ?? '/', 'http://opsbar.invalid');

    if (url.pathname.startsWith('/api/')) {
      if (!tokensEqual(options.token, requestToken(req))) {
        return sendEnvelope(res, 401, errorEnvelope('forbidden', 'Not signed in: open the link printed by `opsbar serve` again.'));
      }
      if (url.pathname === '/api/live') return live.attach(req, res, COMMON_HEADERS);
      if (url.pathname.startsWith('/api/call/')) return handleApiCall(req, res, decodeURIComponent(url.pathname.slice('/api/call/'.length)));
      return sendEnvelope(res, 404, errorEnvelope('unknown_method', 'No such API route.'));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.\n', 'text/plain; charset=utf-8');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokensEqual(options.token, offered)) return send(res, 401, 'Wrong or expired token: open the link printed by `opsbar serve`.\n', 'text/plain; charset=utf-8');
      // Trade the URL token for a cookie and drop it from the address bar and history.
      res.writeHead(303, { ...COMMON_HEADERS, 'Set-Cookie': sessionCookie(options.token), Location: '/', 'Cache-Control': 'no-store' });
      return void res.end();
    }
    const file = statics.get(url.pathname);
    if (!file) {
      const hint = statics.available() ? 'Not found.\n' : 'The dashboard is not built: run `npm run build` in the Opsbar checkout.\n';
      return send(res, 404, hint, 'text/plain; charset=utf-8');
    }
    send(res, 200, file.body, file.contentType, { 'Cache-Control': 'no-cache' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log.error(`request failed: ${(error as Error).message}`);
      if (!res.headersSent) sendEnvelope(res, 500, errorEnvelope('internal', 'Internal error.'));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(options.host, port);
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    port,
    url: `http://${hostInUrl}:${port}/`,
    async close() {
      live.closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
