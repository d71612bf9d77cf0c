// An "engine" on a unix socket that answers the inspect, then sends a log stream no engine sends.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../support/eventually';
import { logServiceHarness } from './logServiceHarness';

const dir = mkdtempSync(join(tmpdir(), 'opsbar-logs-hostile-'));
const socketPath = join(dir, 'docker.sock');
let logsBody: (write: (b: Buffer | string) => void) => void = () => {};
const server = createServer((req, res) => {
  if (req.url?.includes('/json')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return void res.end(JSON.stringify({ Id: 'c'.repeat(64), Name: '/liar', Config: { Tty: false }, State: { Running: true } }));
  }
  res.writeHead(200, { 'Content-Type': 'application/vnd.docker.multiplexed-stream' });
  // The initial (non-follow) read ends at once; the follow one gets the hostile bytes.
  if (req.url?.includes('follow=0')) return void res.end();
  logsBody((b) => res.write(b));
});
after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a log stream with an invalid frame header ends the session with a clear reason; the service keeps working', async () => {
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  logsBody = (write) => write('this is not a frame header at all\n');
  const { service, endOf, linesOf } = logServiceHarness({ endpoint: socketPath });
  const session = await service.open({ container: 'liar', tail: 10, follow: true });
  const end = await eventually('the end', () => endOf(session.sessionId));
  assert.match(end.reason ?? '', /the Docker engine sent a log stream Opsbar cannot read \(bad frame header 7468697320697320\)/);
  // A good frame after that: the service is still usable.
  logsBody = (write) => {
    const header = Buffer.from([2, 0, 0, 0, 0, 0, 0, 3]);
    write(Buffer.concat([header, Buffer.from('ok\n')]));
  };
  const again = await service.open({ container: 'liar', tail: 10, follow: true });
  await eventually('the good line', () => linesOf(again.sessionId).some((l) => l.text === 'ok' && l.stream === 'stderr'));
  service.close(again.sessionId);
});
