import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { build } from 'esbuild';
import { API_METHODS } from '../../shared/api/contract';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_LIVE_CHANNEL } from '../../shared/api/client';
import type { LiveMessage } from '../../shared/api/live';
import { IPC_OPEN_LINK_CHANNEL } from '../../electron/main/linkClickForwarder';
import { createBridge, type IpcRendererLike } from '../../electron/main/preloadBridge';
import { status } from './fakes';
import { fullStatusMessage } from '../support/statusFixtures';

type LiveListener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: unknown[][] = [];
  readonly listeners = new Map<string, Set<LiveListener>>();
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push([channel, ...args]);
    return { ok: true, value: 'answer' };
  }
  on(channel: string, listener: LiveListener) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
    return this;
  }
  removeListener(channel: string, listener: LiveListener) {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, message: unknown) {
    const event = { sender: this, senderId: 0 };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, message);
  }
  count(channel: string) {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

const statusMessage: LiveMessage = fullStatusMessage(status('ok'));

describe('preload bridge', () => {
  test('call sends known methods on the call channel and resolves the envelope', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc, API_METHODS);
    assert.deepEqual(await bridge.call('status.get', {}), { ok: true, value: 'answer' });
    await bridge.call('events.list', undefined);
    assert.deepEqual(ipc.invoked, [
      [IPC_CALL_CHANNEL, 'status.get', {}],
      [IPC_CALL_CHANNEL, 'events.list', {}],
    ]);
  });

  test('call rejects names outside API_METHODS before anything is sent', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc, API_METHODS);
    for (const name of ['fs.readFile', '__proto__', 'constructor', '', 42 as unknown as string]) {
      await assert.rejects(bridge.call(name, {}), /Unknown Opsbar method/);
    }
    assert.equal(ipc.invoked.length, 0);
  });

  test('subscribe hands listeners the message only, never the IPC event', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc, API_METHODS);
    const received: unknown[][] = [];
    bridge.subscribe((...args) => received.push(args));
    ipc.emit(IPC_LIVE_CHANNEL, statusMessage);
    assert.deepEqual(received, [[statusMessage]]);
  });

  test('one IPC listener however many page listeners; removed when the last unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc, API_METHODS);
    const a = bridge.subscribe(() => {});
    const b = bridge.subscribe(() => {});
    assert.equal(ipc.count(IPC_LIVE_CHANNEL), 1);
    a();
    a();
    assert.equal(ipc.count(IPC_LIVE_CHANNEL), 1);
    b();
    assert.equal(ipc.count(IPC_LIVE_CHANNEL), 0);
  });

  test('malformed live messages are dropped; a throwing listener does not stop the others', (t) => {
    t.mock.method(console, 'error', () => {});
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc, API_METHODS);
    const received: unknown[] = [];
    bridge.subscribe(() => {
      throw new Error('page bug');
    });
    bridge.subscribe((m) => received.push(m));
    ipc.emit(IPC_LIVE_CHANNEL, { type: 'shell', command: 'rm -rf /' });
    ipc.emit(IPC_LIVE_CHANNEL, null);
    ipc.emit(IPC_LIVE_CHANNEL, statusMessage);
    assert.deepEqual(received, [statusMessage]);
  });

  test('subscribe needs a function', () => {
    const bridge = createBridge(new FakeIpcRenderer(), API_METHODS);
    assert.throws(() => bridge.subscribe('nope' as unknown as () => void), TypeError);
  });
});

describe('preload bundle', () => {
  const root = join(__dirname, '..', '..');
  // The same options as `npm run build:preload` (package.json), written to memory.
  const bundle = async () => {
    const result = await build({
      entryPoints: [join(root, 'electron', 'main', 'preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  };

  test('the build:preload script still bundles the way this test does', () => {
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:preload'];
    for (const flag of ['electron/main/preload.ts', '--bundle', '--platform=node', '--format=cjs', '--external:electron', '--outfile=dist/preload/preload.js']) {
      assert.ok(script.includes(flag), `build:preload uses ${flag}`);
    }
  });

  test('requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const code = await bundle();
    const required = new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['electron']);
    assert.doesNotMatch(code, /\brequire\(\s*[^"'`\s)]/, 'no dynamic require');
  });

  test('exposes exactly one global, window.opsbar, with call and subscribe only', async () => {
    const code = await bundle();
    const exposed: [string, Record<string, unknown>][] = [];
    const ipc = new FakeIpcRenderer();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]) },
      ipcRenderer: ipc,
    };
    const requireFake = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`preload required ${name}`);
    };
    const module = { exports: {} };
    const windowListeners = new Map<string, (event: unknown) => void>();
    const fakeWindow = { addEventListener: (type: string, listener: (event: unknown) => void) => void windowListeners.set(type, listener) };
    new Function('require', 'module', 'exports', 'window', code)(requireFake, module, module.exports, fakeWindow);
    assert.equal(exposed.length, 1);
    const [key, api] = exposed[0];
    assert.equal(key, BRIDGE_GLOBAL);
    assert.deepEqual(Object.keys(api).sort(), ['call', 'subscribe']);
    assert.ok(Object.values(api).every((v) => typeof v === 'function'));
    await assert.rejects((api.call as (m: string, p: unknown) => Promise<unknown>)('nope', {}));
    await (api.call as (m: string, p: unknown) => Promise<unknown>)('status.get', {});
    assert.deepEqual(ipc.invoked, [[IPC_CALL_CHANNEL, 'status.get', {}]]);
  });

  test("forwards the operator's clicks on external links to main, and only those", async () => {
    const code = await bundle();
    const ipc = new FakeIpcRenderer();
    const electron = { contextBridge: { exposeInMainWorld: () => {} }, ipcRenderer: ipc };
    const windowListeners = new Map<string, (event: unknown) => void>();
    const fakeWindow = { addEventListener: (type: string, listener: (event: unknown) => void) => void windowListeners.set(type, listener) };
    new Function('require', 'module', 'exports', 'window', code)(() => electron, { exports: {} }, {}, fakeWindow);
    const click = (href: string, isTrusted: boolean) => ({
      isTrusted, defaultPrevented: false, button: 0, preventDefault: () => {}, target: { closest: () => ({ href }) },
    });
    windowListeners.get('click')?.(click('https://docs.docker.com/', false));
    windowListeners.get('click')?.(click('https://github.com/x', true));
    assert.deepEqual(ipc.invoked, [[IPC_OPEN_LINK_CHANNEL, 'https://github.com/x']]);
  });
});
