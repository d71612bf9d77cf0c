import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import { createApiDispatcher, type ApiHandlers } from '../../../electron/core/api/dispatcher';
import { LiveHub } from '../../../electron/core/liveHub';
import { silentLogger } from '../../../electron/core/logger';
import { createMetricsEndpoint } from '../../../electron/core/metrics/metricsEndpoint';
import { createToken, SESSION_COOKIE } from '../../../electron/core/server/auth';
import { startHeadlessServer, type HeadlessServer } from '../../../electron/core/server/httpServer';
import { emptyStatus } from '../../support/statusFixtures';
import { tempDir } from '../../support/tempDir';
import { rawRequest } from '../server/rawHttp';

const token = createToken();
const status = emptyStatus();
const hub = new LiveHub();
let server: HeadlessServer;
let plain: HeadlessServer;

function start(withMetrics: boolean): Promise<HeadlessServer> {
  return startHeadlessServer({
    core: { dispatch: createApiDispatcher({} as unknown as ApiHandlers), subscribe: (l) => hub.subscribe(l), status: () => status },
    token,
    host: '127.0.0.1',
    port: 0,
    staticDir: tempDir('opsbar-static-'),
    log: silentLogger,
    ...(withMetrics ? { metrics: createMetricsEndpoint({ version: '9.9.9', read: () => ({ status, settings: defaultSettings(), alerts: { at: 1, alerts: [], worstFiring: null }, openIncidents: [] }) }) } : {}),
  });
}

before(async () => {
  server = await start(true);
  plain = await start(false);
});
after(() => Promise.all([server.close(), plain.close()]));

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /metrics', () => {
  test('with the Bearer token: Prometheus text with the registry\'s Content-Type', async () => {
    const reply = await get(server.port, '/metrics', { Authorization: `Bearer ${token}` });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(reply.body, /^opsbar_up 1$/m);
    assert.match(reply.body, /^opsbar_build_info\{version="9\.9\.9"\} 1$/m);
  });

  test('the dashboard\'s cookie works too', async () => {
    const reply = await get(server.port, '/metrics', { Cookie: `${SESSION_COOKIE}=${token}` });
    assert.equal(reply.status, 200);
  });

  test('without the token, or with a wrong one: 401 and no figures', async () => {
    const tries: Record<string, string>[] = [{}, { Authorization: `Bearer ${createToken()}` }, { Authorization: `Basic ${token}` }];
    for (const headers of tries) {
      const reply = await get(server.port, '/metrics', headers);
      assert.equal(reply.status, 401);
      assert.equal(reply.headers['www-authenticate'], 'Bearer');
      assert.doesNotMatch(reply.body, /opsbar_up/);
    }
  });

  test('the token in the query string is not accepted for /metrics (it is not a dashboard link)', async () => {
    const reply = await get(server.port, `/metrics?token=${token}`);
    assert.equal(reply.status, 401);
  });

  test('the Host-header and request-target policies still apply', async () => {
    const auth = `Authorization: Bearer ${token}\r\n`;
    const rebinding = await rawRequest(server.port, `GET /metrics HTTP/1.1\r\nHost: evil.example:${server.port}\r\n${auth}Connection: close\r\n\r\n`);
    assert.equal(rebinding.status, 403);
    const twoHosts = await rawRequest(server.port, `GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nHost: evil.example\r\n${auth}Connection: close\r\n\r\n`);
    assert.equal(twoHosts.status, 400);
    const absolute = await rawRequest(server.port, `GET http://evil.example/metrics HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${auth}Connection: close\r\n\r\n`);
    assert.equal(absolute.status, 403);
    for (const reply of [rebinding, twoHosts, absolute]) assert.doesNotMatch(reply.body, /opsbar_up/);
  });

  test('POST is refused; HEAD answers without a body', async () => {
    const post = await get(server.port, '/metrics', { Authorization: `Bearer ${token}` }, 'POST');
    assert.equal(post.status, 405);
    const head = await get(server.port, '/metrics', { Authorization: `Bearer ${token}` }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  test('a server built without metrics answers 404', async () => {
    const reply = await get(plain.port, '/metrics', { Authorization: `Bearer ${token}` });
    assert.equal(reply.status, 404);
  });
});
