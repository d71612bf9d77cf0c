import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HANG_GUARD_MS } from '../support/eventually';
import { serveOpsbar, type ServedOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

/** A Docker endpoint that accepts connections and never answers: start-up never finishes. */
function hangingEngine(path: string): Promise<{ server: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(path, () =>
      resolve({
        server,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

function exited(child: import('node:child_process').ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('opsbar serve stops cleanly', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  /** `opsbar serve` whose Docker endpoint accepts connections and never answers. */
  async function serveBesideHangingEngine() {
    const dataDir = tempDir('opsbar-stop-');
    const socket = join(dataDir, 'hanging-docker.sock');
    const engine = await hangingEngine(socket);
    closers.push(engine.close);
    writeFileSync(join(dataDir, 'config.yaml'), `docker:\n  endpoint: unix://${socket}\ngpu:\n  enabled: false\n`);
    return { dataDir, engine, served: await serveOpsbar(dataDir) };
  }

  async function assertStoppedCleanly(served: ServedOpsbar, dataDir: string): Promise<void> {
    const { code, signal } = await exited(served.child);
    assert.equal(signal, null, `killed by ${signal}: the signal arrived before Opsbar listened for it\n${served.stderr()}`);
    assert.equal(code, 0, served.stderr());
    // Closing the last connection checkpoints the WAL and removes it: the store was closed.
    assert.ok(existsSync(join(dataDir, 'opsbar.db')));
    assert.equal(existsSync(join(dataDir, 'opsbar.db-wal')), false, `the store was left open\n${served.stderr()}`);
  }

  test('SIGTERM while the monitors are still starting (Docker hangs) exits 0 with the store closed', async () => {
    const { dataDir, served } = await serveBesideHangingEngine();
    // The dashboard line comes before the monitors have started: the signal lands in start-up.
    served.child.kill('SIGTERM');
    await assertStoppedCleanly(served, dataDir);
  });

  test('SIGTERM after start-up while the Docker engine hangs exits 0 with the store closed', async () => {
    const { dataDir, engine, served } = await serveBesideHangingEngine();
    // Wait until a Docker request is in flight, hanging.
    await new Promise<void>((resolve) => {
      const check = () => engine.server.getConnections((_, count) => (count > 0 ? resolve() : setImmediate(check)));
      check();
    });
    served.child.kill('SIGTERM');
    await assertStoppedCleanly(served, dataDir);
  });

  test('a request still trickling its body does not hold the exit (its connection is cut after a moment)', async () => {
    const dataDir = tempDir('opsbar-stop-');
    writeFileSync(join(dataDir, 'config.yaml'), 'docker:\n  enabled: false\ngpu:\n  enabled: false\n');
    const served = await serveOpsbar(dataDir);
    const port = new URL(served.origin).port;
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const head = `POST /api/call/status.get HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${served.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`;
    await new Promise<void>((resolve) => socket.write(head, () => resolve()));
    served.child.kill('SIGTERM');
    // The client never finishes its body: a server that waits for it never exits (after close()
    // Node stops timing requests out). Only a hang guard, no time budget.
    let guard: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (guard = setTimeout(() => resolve('hung'), HANG_GUARD_MS)));
    const result = await Promise.race([exited(served.child), hung]);
    clearTimeout(guard);
    socket.destroy();
    if (result === 'hung') served.child.kill('SIGKILL');
    assert.notEqual(result, 'hung', `serve waited for a request in flight instead of exiting\n${served.stderr()}`);
    await socketClosed;
    assert.equal(result !== 'hung' && result.code, 0, served.stderr());
    assert.equal(answer, '', 'the cut request got no answer');
  });
});
