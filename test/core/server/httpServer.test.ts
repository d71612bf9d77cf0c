import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApiDispatcher, type ApiHandlers } from '../../../electron/core/api/dispatcher';
import { LiveHub } from '../../../electron/core/liveHub';
import { type Logger } from '../../../electron/core/logger';
import { createToken } from '../../../electron/core/server/auth';
import { startHeadlessServer, type HeadlessServer } from '../../../electron/core/server/httpServer';
import type { StatusSnapshot } from '../../../shared/types/status';
import { emptyStatus } from '../../support/statusFixtures';
import { tempDir } from '../../support/tempDir';

const status: StatusSnapshot = emptyStatus();

let server: HeadlessServer;
const token = createToken();
const hub = new LiveHub();
const logged: string[] = [];
const recordingLog: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };

before(async () => {
  const staticDir = tempDir('opsbar-static-');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Opsbar</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'opsbar-secret.txt'), 'secret');
  const handlers = { 'status.get': () => status } as unknown as ApiHandlers;
  server = await startHeadlessServer({
    core: { dispatch: createApiDispatcher(handlers), subscribe: (l) => hub.subscribe(l), status: () => status },
    token,
    host: '127.0.0.1',
    port: 0,
    staticDir,
    log: recordingLog,
  });
});

after(() => server.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'Content-Type': 'application/json' };

test('API without a token is 401, with a wrong token too', async () => {
  const none = await call('/api/call/status.get', { method: 'POST', headers: json, body: '{}' });
  assert.equal(none.status, 401);
  assert.equal(JSON.parse(none.body).ok, false);
  const wrong = await call('/api/call/status.get', { method: 'POST', headers: { ...json, Authorization: `Bearer ${createToken()}` }, body: '{}' });
  assert.equal(wrong.status, 401);
  const live = await call('/api/live');
  assert.equal(live.status, 401);
});

test('a Host header other than the loopback name is 403 (DNS rebinding)', async () => {
  for (const host of ['evil.example:80', `evil.example:${server.port}`, `127.0.0.1.nip.io:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
    const reply = await call('/', { headers: { Host: host } });
    assert.equal(reply.status, 403, host);
  }
  assert.equal((await call('/', { headers: { Host: `localhost:${server.port}` } })).status, 200);
});

test('the URL token is traded for an HttpOnly SameSite=Strict cookie and dropped from the URL', async () => {
  const reply = await call(`/?token=${token}`);
  assert.equal(reply.status, 303);
  assert.equal(reply.headers.location, '/');
  const cookie = String(reply.headers['set-cookie']);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const session = cookie.split(';')[0];
  const ok = await call('/api/call/status.get', { method: 'POST', headers: { ...json, Cookie: session }, body: '{}' });
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.body), { ok: true, value: status });
  assert.equal((await call(`/?token=${createToken()}`)).status, 401);
});

test('API calls need POST with JSON; bad bodies and methods get envelopes', async () => {
  const auth = { Authorization: `Bearer ${token}` };
  assert.equal((await call('/api/call/status.get', { headers: auth })).status, 405);
  assert.equal((await call('/api/call/status.get', { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '{}' })).status, 415);
  assert.equal((await call('/api/call/status.get', { method: 'POST', headers: { ...auth, ...json }, body: '{nope' })).status, 400);
  const unknown = await call('/api/call/shell.exec', { method: 'POST', headers: { ...auth, ...json }, body: '{"cmd":"id"}' });
  assert.equal(unknown.status, 404);
  assert.equal(JSON.parse(unknown.body).error.code, 'unknown_method');
});

test('every response carries the CSP and no-referrer; static files never escape their folder', async () => {
  const page = await call('/');
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  assert.equal((await call('/assets/app.js')).headers['content-type'], 'text/javascript; charset=utf-8');
  for (const path of ['/../opsbar-secret.txt', '/%2e%2e/opsbar-secret.txt', '/assets/..%2f..%2fopsbar-secret.txt', '/%00']) {
    const reply = await call(path);
    assert.ok(!reply.body.includes('secret'), path);
  }
});

test('live updates arrive as server-sent events, starting with the current status', async () => {
  const events: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/api/live', headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${token}` } }, (res) => {
      assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        events.push(...chunk.split('\n\n').filter((e) => e.startsWith('data: ')));
        if (events.length === 1) hub.publish({ type: 'event', event: { id: 1, at: 1, source: 'docker', kind: 'container.die', severity: 'critical', subject: 'db', message: 'died', attributes: {} } });
        if (events.length === 2) {
          req.destroy();
          resolve();
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(JSON.parse(events[0].slice(6)).type, 'status');
  assert.equal(JSON.parse(events[1].slice(6)).event.kind, 'container.die');
});

test('the token never reaches the log', () => {
  assert.ok(logged.every((line) => !line.includes(token)));
});
