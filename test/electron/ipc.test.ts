import assert from 'node:assert/strict';
import { fullStatusMessage } from '../support/statusFixtures';
import { describe, test } from 'node:test';
import { IPC_CALL_CHANNEL, IPC_LIVE_CHANNEL } from '../../shared/api/client';
import { setupIpc, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc';
import { FakeCore, FakeWebContents, check, quietLog, status } from './fakes';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const core = new FakeCore();
  core.current = status('ok', [check('d', 'ok', 'Disk /', '41 GB free')]);
  const log = quietLog();
  const service = setupIpc({ ipcMain, core, log });
  const window = new FakeWebContents(7);
  service.attachWindow(window);
  const call = (event: InvokeEventLike, method: unknown, payload?: unknown) => {
    const handler = handlers.get(IPC_CALL_CHANNEL);
    assert.ok(handler, 'a handler is registered on the call channel');
    return handler(event, method, payload);
  };
  return { handlers, core, log, service, window, call };
}

/** An invoke event as Electron builds it: the sending webContents and its frame. */
function event(senderId: number, frame: { url: string; parent: unknown } | null): InvokeEventLike {
  return { sender: { id: senderId }, senderFrame: frame };
}
const mainFrame = (url = 'opsbar://app/index.html') => ({ url, parent: null });
const forbidden = { ok: false, error: { code: 'forbidden', message: 'This page may not call Opsbar.' } };

describe('IPC checkpoint', () => {
  test('registers exactly one handler, on the call channel', () => {
    const { handlers } = setup();
    assert.deepEqual([...handlers.keys()], [IPC_CALL_CHANNEL]);
  });

  test('a good call from the dashboard main frame answers the core envelope', async () => {
    const { call, core } = setup();
    assert.deepEqual(await call(event(7, mainFrame()), 'status.get', {}), { ok: true, value: core.current });
  });

  test('routes inside the app page are still the app (hash, other path on the app origin)', async () => {
    const { call } = setup();
    const answer = (await call(event(7, mainFrame('opsbar://app/index.html#/docker')), 'status.get', {})) as { ok: boolean };
    assert.equal(answer.ok, true);
  });

  test('a window the shell did not create is forbidden and logged', async () => {
    const { call, log } = setup();
    assert.deepEqual(await call(event(99, mainFrame()), 'status.get', {}), forbidden);
    assert.ok(log.lines.some((l) => l.startsWith('warn: IPC call "status.get" refused: sent from a window the shell did not create')));
  });

  test('a subframe of our window is forbidden, even on the app origin', async () => {
    const { call } = setup();
    assert.deepEqual(await call(event(7, { url: 'opsbar://app/index.html', parent: mainFrame() }), 'status.get', {}), forbidden);
  });

  test('a foreign page in our window is forbidden (web page, file URL, lookalike origins)', async () => {
    const { call, log } = setup();
    for (const url of ['https://evil.example/', 'file:///work/main/dist/renderer/index.html', 'opsbar://evil/index.html', 'opsbar://app.evil/', 'opsbar://user@app/', 'about:blank', '']) {
      assert.deepEqual(await call(event(7, mainFrame(url)), 'status.get', {}), forbidden, url);
    }
    assert.ok(log.lines.some((l) => l.includes('sent from a foreign page "https://evil.example/"')));
  });

  test('no sender frame (navigated or destroyed) is forbidden; a throwing getter too', async () => {
    const { call } = setup();
    assert.deepEqual(await call(event(7, null), 'status.get', {}), forbidden);
    const throwing = {
      sender: { id: 7 },
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    assert.deepEqual(await call(throwing, 'status.get', {}), forbidden);
  });

  test('a destroyed window is forgotten', async () => {
    const { call, window } = setup();
    window.destroy();
    assert.deepEqual(await call(event(7, mainFrame()), 'status.get', {}), forbidden);
  });

  test('an unknown method answers the core unknown_method envelope', async () => {
    const { call } = setup();
    const answer = (await call(event(7, mainFrame()), 'fs.readFile', { path: '/etc/passwd' })) as { ok: false; error: { code: string } };
    assert.equal(answer.ok, false);
    assert.equal(answer.error.code, 'unknown_method');
    const proto = (await call(event(7, mainFrame()), '__proto__', {})) as { error: { code: string } };
    assert.equal(proto.error.code, 'unknown_method');
  });

  test('a bad payload answers a bad_request envelope', async () => {
    const { call } = setup();
    const answer = (await call(event(7, mainFrame()), 'events.list', { limit: -5 })) as { ok: false; error: { code: string; message: string } };
    assert.equal(answer.error.code, 'bad_request');
    assert.match(answer.error.message, /limit/);
    const extra = (await call(event(7, mainFrame()), 'status.get', { sneaky: true })) as { error: { code: string } };
    assert.equal(extra.error.code, 'bad_request');
  });

  test('a core that throws still answers an envelope', async () => {
    const { call, core, log } = setup();
    (core as unknown as { dispatch: () => never }).dispatch = () => {
      throw new Error('boom');
    };
    assert.deepEqual(await call(event(7, mainFrame()), 'status.get', {}), { ok: false, error: { code: 'internal', message: 'The call failed inside Opsbar.' } });
    assert.ok(log.lines.some((l) => l.includes('boom')));
  });
});

describe('live messages', () => {
  test('are pushed on the live channel to attached windows showing the app', () => {
    const { core, service, window } = setup();
    const other = new FakeWebContents(8, 'https://evil.example/');
    service.attachWindow(other);
    const next = status('warning', [check('d', 'warning')]);
    core.publishStatus(next);
    assert.deepEqual(window.sent, [{ channel: IPC_LIVE_CHANNEL, args: [fullStatusMessage(next)] }]);
    assert.deepEqual(other.sent, []);
  });

  test('stop after the window is destroyed, and after dispose', () => {
    const { core, service, window, handlers } = setup();
    window.destroy();
    core.publishStatus(status('ok'));
    assert.deepEqual(window.sent, []);
    service.dispose();
    assert.equal(core.listeners.size, 0);
    assert.equal(handlers.size, 0);
  });

  test('a window whose send throws does not stop the others', () => {
    const { core, service, window, log } = setup();
    const broken = new FakeWebContents(9);
    broken.send = () => {
      throw new Error('Object has been destroyed');
    };
    service.attachWindow(broken);
    const later = new FakeWebContents(10);
    service.attachWindow(later);
    core.publishStatus(status('ok'));
    assert.equal(window.sent.length, 1);
    assert.equal(later.sent.length, 1);
    assert.ok(log.lines.some((l) => l.includes('Object has been destroyed')));
  });
});
