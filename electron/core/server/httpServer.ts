import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorEnvelope } from '../../../shared/api/envelope';
import type { Logger } from '../logger';
import type { MetricsEndpoint } from '../metrics/metricsEndpoint';
import type { OpsbarCore } from '../opsbarCore';
import { requestToken, sessionCookie, tokensEqual } from './auth';
import { allowedHostHeaders, hostHeaderRefusal } from './hostPolicy';
import { LiveStream, type LiveStreamLimits } from './liveStream';
import { readBody } from './requestBody';
import { parseRequestTarget } from './requestTarget';
import { COMMON_HEADERS, send, sendEnvelope, sendText, STATUS_FOR_ERROR } from './responses';
import { StaticFiles } from './staticFiles';

export interface HeadlessServerOptions {
  core: Pick<OpsbarCore, 'dispatch' | 'subscribe' | 'status'>;
  token: string;
  host: string;
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  log: Logger;
  /** Caps on live (SSE) connections; the defaults suit one operator. */
  live?: Partial<LiveStreamLimits>;
  /** Prometheus' `/metrics` (behind the same token); absent: 404 like any unknown path. */
  metrics?: MetricsEndpoint;
}

export interface HeadlessServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** How long close() lets requests in flight finish before it cuts their connections. */
const CLOSE_GRACE_MS = 500;

/** A request refused before routing: an envelope for API clients, a line of text for browsers. */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: { status: number; message: string }): void {
  if (!(req.url ?? '').includes('/api/')) return sendText(res, refusal.status, refusal.message);
  sendEnvelope(res, refusal.status, errorEnvelope(refusal.status === 403 ? 'forbidden' : 'bad_request', refusal.message));
}

/** The headless mode: the built renderer and the API on a loopback port, behind a token. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const statics = new StaticFiles(options.staticDir);
  const live = new LiveStream(options.core, options.log, options.live);
  let allowedHosts = new Set<string>();

  const handleApiCall = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    if (req.method !== 'POST') return sendEnvelope(res, 405, errorEnvelope('bad_request', 'Use POST for API calls.'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendEnvelope(res, 415, errorEnvelope('bad_request', 'API calls take a JSON body (Content-Type: application/json).'));
    }
    const body = await readBody(req);
    if (!body.ok) {
      // Sent once the body is drained, so closing leaves no unread bytes to reset the socket with.
      return sendEnvelope(res, 413, errorEnvelope('bad_request', 'The request body is over 256 KiB.'), { Connection: 'close' });
    }
    let payload: unknown;
    try {
      payload = body.body.trim() === '' ? {} : JSON.parse(body.body);
    } catch (error) {
      return sendEnvelope(res, 400, errorEnvelope('bad_request', `Body is not valid JSON: ${(error as Error).message}`));
    }
    const envelope = await options.core.dispatch(method, payload, { caller: 'dashboard' });
    sendEnvelope(res, envelope.ok ? 200 : (STATUS_FOR_ERROR[envelope.error.code] ?? 500), envelope);
  };

  const serveMetrics = async (req: IncomingMessage, res: ServerResponse, metrics: MetricsEndpoint): Promise<void> => {
    // The API's token, as a Bearer header (Prometheus' `authorization: { credentials_file }`) or the dashboard's cookie.
    if (!tokensEqual(options.token, requestToken(req))) {
      return sendText(res, 401, 'Not authorised: send the token as `Authorization: Bearer TOKEN` (see `opsbar serve --token-file`).', { 'WWW-Authenticate': 'Bearer' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Use GET for /metrics.', { Allow: 'GET, HEAD' });
    send(res, 200, await metrics.scrape(), metrics.contentType, { 'Cache-Control': 'no-store' });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const hostRefusal = hostHeaderRefusal(req.rawHeaders, allowedHosts);
    if (hostRefusal) return refuse(req, res, hostRefusal);
    const target = parseRequestTarget(req.url, allowedHosts);
    if (!target.ok) return refuse(req, res, target);
    const { url } = target;

    if (url.pathname.startsWith('/api/')) {
      if (!tokensEqual(options.token, requestToken(req))) {
        return sendEnvelope(res, 401, errorEnvelope('forbidden', 'Not signed in: open the link printed by `opsbar serve` again.'));
      }
      if (url.pathname === '/api/live') return live.attach(req, res, COMMON_HEADERS);
      // parseRequestTarget has checked that the path decodes.
      if (url.pathname.startsWith('/api/call/')) return handleApiCall(req, res, decodeURIComponent(url.pathname.slice('/api/call/'.length)));
      return sendEnvelope(res, 404, errorEnvelope('unknown_method', 'No such API route.'));
    }

    if (url.pathname === '/metrics' && options.metrics) return serveMetrics(req, res, options.metrics);

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokensEqual(options.token, offered)) return sendText(res, 401, 'Wrong or expired token: open the link printed by `opsbar serve`.');
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
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A request still in flight (a client trickling its body) gets a moment, not its 30 s timeout.
      const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(cutOff);
    },
  };
}
