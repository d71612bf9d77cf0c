import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { eventually } from '../../support/eventually';
import { serveOpsbar, type ServedOpsbar } from '../../support/opsbarProcess';
import { tempDir } from '../../support/tempDir';
import { rawRequest, requestHead } from './rawHttp';

// Raw sockets against the real `opsbar serve`: what a client byte for byte sees.
let served: ServedOpsbar;
let port: number;

before(async () => {
  served = await serveOpsbar(tempDir('opsbar-serve-http-'));
  port = Number(new URL(served.origin).port);
});

after(() => served.stop());

const auth = () => `Authorization: Bearer ${served.token}`;
const statusCall = (requestLine = 'POST /api/call/status.get HTTP/1.1', lines: string[] = []) =>
  requestHead(requestLine, port, [auth(), 'Content-Type: application/json', 'Content-Length: 2', 'Connection: close', ...lines]) + '{}';

test('a body over 256 KiB is answered 413 with an envelope and Connection: close, not a reset', async () => {
  const body = Buffer.alloc(300 * 1024, 0x20);
  const head = requestHead('POST /api/call/status.get HTTP/1.1', port, [auth(), 'Content-Type: application/json', `Content-Length: ${body.length}`]);
  const reply = await rawRequest(port, head, body);
  assert.equal(reply.status, 413);
  assert.equal(reply.headers.connection, 'close');
  assert.deepEqual(JSON.parse(reply.body), { ok: false, error: { code: 'bad_request', message: 'The request body is over 256 KiB.' } });
  reply.socket.destroy();
});

test('a malformed percent-encoding in the method name is 400, and nothing is logged as an error', async () => {
  const reply = await rawRequest(port, statusCall('POST /api/call/%E0%A4%A HTTP/1.1'));
  assert.equal(reply.status, 400);
  assert.equal(JSON.parse(reply.body).error.code, 'bad_request');
  const page = await rawRequest(port, requestHead('GET /assets/%E0%A4%A.js HTTP/1.1', port, ['Connection: close']));
  assert.equal(page.status, 400);
  // The server handles requests in order on one event loop: a good answer after them means any log line is written.
  const good = await rawRequest(port, statusCall());
  assert.equal(good.status, 200);
  assert.doesNotMatch(served.stderr(), /error/i);
});

test('a second Host header is refused, whichever comes first', async () => {
  for (const lines of [['Host: evil.example'], [`Host: 127.0.0.1:${port}`]]) {
    const reply = await rawRequest(port, statusCall(undefined, lines));
    assert.equal(reply.status, 400, lines[0]);
    assert.match(JSON.parse(reply.body).error.message, /2 Host headers/);
  }
});

test('an absolute-form request line naming another host is refused; one naming this server is served', async () => {
  for (const target of ['http://evil.example/api/call/status.get', `http://evil.example:${port}/api/call/status.get`, `http://user@127.0.0.1:${port}/api/call/status.get`]) {
    const reply = await rawRequest(port, statusCall(`POST ${target} HTTP/1.1`));
    assert.equal(reply.status, 403, target);
    assert.equal(JSON.parse(reply.body).error.code, 'forbidden');
  }
  const own = await rawRequest(port, statusCall(`POST http://127.0.0.1:${port}/api/call/status.get HTTP/1.1`));
  assert.equal(own.status, 200);
  assert.equal(JSON.parse(own.body).ok, true);
});

test('live connections are capped at 32: the 33rd is 503 with an envelope, and a slot frees when one closes', async () => {
  const liveHead = requestHead('GET /api/live HTTP/1.1', port, [auth()]);
  const open: Socket[] = [];
  try {
    for (let i = 0; i < 32; i++) {
      const reply = await rawRequest(port, liveHead);
      assert.equal(reply.status, 200, `live connection ${i + 1}`);
      open.push(reply.socket);
    }
    const refused = await rawRequest(port, liveHead);
    assert.equal(refused.status, 503);
    assert.deepEqual(JSON.parse(refused.body).error.code, 'unavailable');
    assert.match(JSON.parse(refused.body).error.message, /Too many live connections \(32 open\)/);
    refused.socket.destroy();
    open.pop()?.destroy();
    const again = await eventually('a live slot to free after a client left', async () => {
      const reply = await rawRequest(port, liveHead);
      if (reply.status === 200) return reply;
      reply.socket.destroy();
      return undefined;
    });
    open.push(again.socket);
  } finally {
    for (const socket of open) socket.destroy();
  }
});
