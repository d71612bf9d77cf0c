import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApiDispatcher, type ApiHandlers } from '../../../electron/core/api/dispatcher';
import { LiveHub } from '../../../electron/core/liveHub';
import type { Logger } from '../../../electron/core/logger';
import { createToken } from '../../../electron/core/server/auth';
import { startHeadlessServer, type HeadlessServer } from '../../../electron/core/server/httpServer';
import type { LiveMessage } from '../../../shared/api/live';
import type { StatusSnapshot } from '../../../shared/types/status';
import { emptyStatus } from '../../support/statusFixtures';
import { tempDir } from '../../support/tempDir';
import { rawRequest, requestHead } from './rawHttp';

const status: StatusSnapshot = emptyStatus();

const token = createToken();
const hub = new LiveHub();
const warnings: string[] = [];
const log: Logger = { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
let server: HeadlessServer;

before(async () => {
  const staticDir = tempDir('opsbar-static-');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Opsbar</title>');
  server = await startHeadlessServer({
    core: { dispatch: createApiDispatcher({} as ApiHandlers), subscribe: (l) => hub.subscribe(l), status: () => status },
    token,
    host: '127.0.0.1',
    port: 0,
    staticDir,
    log,
    live: { maxClients: 2 },
  });
});

after(() => server.close());

const openLive = () => rawRequest(server.port, requestHead('GET /api/live HTTP/1.1', server.port, [`Authorization: Bearer ${token}`]));

function bulkyEvent(id: number): LiveMessage {
  return { type: 'event', event: { id, at: id, source: 'docker', kind: 'container.die', severity: 'info', subject: 'db', message: 'x'.repeat(64 * 1024), attributes: {} } };
}

// Far past the 256 KiB bound plus anything loopback kernel buffers hold (a few MiB): only a bound on a broken server.
const MAX_PUBLISHES = 1024;

test('a client that stops reading is dropped once, its slot freed, while a reading client keeps its stream', async () => {
  const stuck = await openLive();
  stuck.socket.pause(); // never reads again: the kernel buffers fill, then the server's
  const healthy = await openLive();
  let healthyBytes = 0;
  healthy.socket.on('data', (chunk: Buffer) => (healthyBytes += chunk.length));
  const full = await openLive();
  assert.equal(full.status, 503, 'the cap of 2 is reached');
  full.socket.destroy();
  assert.equal(hub.size, 2);

  const dropped = () => warnings.filter((line) => line.startsWith('live stream: dropped')).length;
  let published = 0;
  while (dropped() === 0 && published < MAX_PUBLISHES) {
    hub.publish(bulkyEvent(++published));
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(dropped(), 1, `the stuck client was dropped within ${published} messages of 64 KiB`);
  assert.equal(hub.size, 1, 'the dropped client is unsubscribed');

  // The server closed the stuck socket: once it reads again it sees the end.
  const closed = new Promise((resolve) => stuck.socket.once('close', resolve));
  stuck.socket.on('error', () => {});
  stuck.socket.resume();
  await closed;

  const seen = healthyBytes;
  const arrived = new Promise((resolve) => healthy.socket.once('data', resolve));
  hub.publish(bulkyEvent(published + 1));
  await arrived;
  assert.ok(healthyBytes > seen, 'the reading client still receives messages');
  assert.equal(dropped(), 1, 'the drop is logged once');

  const again = await openLive();
  assert.equal(again.status, 200, 'the freed slot takes a new client');
  again.socket.destroy();
  healthy.socket.destroy();
  assert.ok(warnings.every((line) => !line.includes(token)), 'the token is absent from the log');
});
