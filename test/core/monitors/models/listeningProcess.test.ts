// Which process listens on a port, read from the real /proc (Linux only).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { listeningInodes, listeningPid, parentPid } from '../../../../electron/core/monitors/models/listeningProcess';
import { tempDir } from '../../../support/tempDir';

const linux = process.platform === 'linux';
const servers: Server[] = [];
after(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

async function listen(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as { port: number }).port;
}

describe('listeningPid', { skip: !linux && 'reads /proc (Linux)' }, () => {
  it('finds this test process for a port it listens on (IPv4 and IPv6)', async () => {
    assert.equal(await listeningPid(await listen('127.0.0.1')), process.pid);
    const v6 = await listen('::1').catch(() => null); // a host without IPv6 has no tcp6 table to read
    if (v6 !== null) assert.equal(await listeningPid(v6), process.pid);
  });

  it('finds it with no preference, scanning every process', async () => {
    const port = await listen('127.0.0.1');
    assert.equal(await listeningPid(port, { preferPids: [] }), process.pid);
    assert.equal(await listeningPid(port, { preferPids: [process.pid], maxFds: 10_000 }), process.pid);
  });

  it('null for a port nobody listens on, and when the fd bound is spent', async () => {
    const port = await listen('127.0.0.1');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const free = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    assert.equal(await listeningPid(free), null);
    assert.ok((await listeningInodes('/proc', port)).size > 0);
    assert.equal(await listeningPid(port, { maxFds: 0 }), null);
  });

  it('reads at most maxFds fd links in all (a /proc written by the test)', async () => {
    const proc = tempDir('opsbar-proc-');
    mkdirSync(join(proc, 'net'));
    const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
    // Port 0x2CAA = 11434 listening (0A) with inode 555; the same port in another state does not count.
    writeFileSync(join(proc, 'net', 'tcp'), `${header}   0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 555 1 0 100 0 0 10 0\n   1: 0100007F:2CAA 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 777 1 0 100 0 0 10 0\n`);
    writeFileSync(join(proc, 'net', 'tcp6'), header);
    for (const [pid, links] of [[10, ['/dev/null', 'pipe:[1]', 'socket:[777]']], [20, ['socket:[555]']]] as const) {
      mkdirSync(join(proc, String(pid), 'fd'), { recursive: true });
      links.forEach((target, fd) => symlinkSync(target, join(proc, String(pid), 'fd', String(fd))));
    }
    assert.deepEqual([...(await listeningInodes(proc, 11434))], ['555']);
    assert.equal(await listeningPid(11434, { procRoot: proc }), 20);
    assert.equal(await listeningPid(11434, { procRoot: proc, maxFds: 3 }), null, "pid 10's three fds spend the bound");
    assert.equal(await listeningPid(11434, { procRoot: proc, maxFds: 1, preferPids: [20] }), 20, 'preferred PIDs are read first');
  });

  it('null, not an error, when /proc is not there', async () => {
    assert.equal(await listeningPid(80, { procRoot: '/nonexistent-proc' }), null);
  });

  it('reads the parent PID', async () => {
    assert.equal(await parentPid(process.pid), process.ppid);
  });
});
