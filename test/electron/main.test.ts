// The composition root, loaded under plain Node with a fake 'electron' module and a fake core
// put into the module cache: proves main.ts wires each setupX() to the right Electron object.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { IPC_CALL_CHANNEL } from '../../shared/api/client';
import { IPC_OPEN_LINK_CHANNEL } from '../../electron/main/linkClickForwarder';
import { tempDir } from '../support/tempDir';
import { FakeCore, FakeWebContents, status } from './fakes';

const root = join(__dirname, '..', '..');
const mainPath = require.resolve('../../electron/main/main');
const createCorePath = require.resolve('../../electron/core/createCore');
const electronPath = require.resolve('electron', { paths: [root] });
const dataDir = tempDir('opsbar-main-');
// Set up already: a first start (no config.yaml) would open the dashboard on its welcome view.
writeFileSync(join(dataDir, 'config.yaml'), '');
// Start at login (Linux: an XDG autostart entry) is applied at start: never in the real ~/.config.
process.env.XDG_CONFIG_HOME = tempDir('opsbar-main-xdg-');

function fakeElectron(gotLock: boolean) {
  const log: unknown[][] = [];
  const record = (...entry: unknown[]) => void log.push(entry);
  const paths: Record<string, string> = { appData: join(dataDir, 'appData') };
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: () => record('enableSandbox'),
    dock: { hide: () => record('dock.hide') },
    setName: (name: string) => record('setName', name),
    setPath: (name: string, value: string) => void (paths[name] = value),
    getPath: (name: string) => paths[name],
    getAppPath: () => root,
    requestSingleInstanceLock: () => gotLock,
    whenReady: () => whenReady,
    focus: () => record('focus'),
    quit: () => {
      record('quit');
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) record('quitted');
    },
    exit: (code: number) => record('exit', code),
  });
  const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const windows: { options: Record<string, unknown>; webContents: FakeWebContents; loaded: string[] }[] = [];
  class BrowserWindow extends EventEmitter {
    static nextId = 100;
    webContents = new FakeWebContents(BrowserWindow.nextId++);
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    loadURL = async (url: string) => void this.loaded.push(url);
  }
  const trays: { icon: unknown; menus: unknown[] }[] = [];
  class Tray extends EventEmitter {
    menus: unknown[] = [];
    constructor(readonly icon: unknown) {
      super();
      trays.push(this);
    }
    setImage() {}
    setToolTip() {}
    setContextMenu(menu: unknown) {
      this.menus.push(menu);
    }
    destroy() {}
  }
  class Notification extends EventEmitter {
    static isSupported = () => true;
    show() {}
  }
  const session = {
    setPermissionRequestHandler: () => record('permissionRequestHandler'),
    setPermissionCheckHandler: () => record('permissionCheckHandler'),
    setDevicePermissionHandler: () => record('devicePermissionHandler'),
    on: (event: string) => record('session.on', event),
    webRequest: { onHeadersReceived: () => record('onHeadersReceived') },
  };
  const electron = {
    app,
    BrowserWindow,
    Tray,
    Notification,
    Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
    dialog: {
      showErrorBox: (...args: unknown[]) => record('showErrorBox', ...args),
      showMessageBox: async (...args: unknown[]) => (record('showMessageBox', ...args), { response: 1 }),
    },
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => Promise<unknown>) => void handlers.set(channel, fn), removeHandler: () => {} },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => record('registerSchemesAsPrivileged', schemes),
      handle: (scheme: string) => record('protocol.handle', scheme),
    },
    session: { defaultSession: session },
    shell: { openExternal: async (url: string) => record('openExternal', url) },
  };
  return { electron, log, ready, handlers, windows, trays, paths };
}

function install(path: string, exports: unknown) {
  const m = new Module(path);
  m.filename = path;
  m.loaded = true;
  m.exports = exports;
  require.cache[path] = m;
}

async function loadMain(options: { gotLock?: boolean; argv?: string[] } = {}) {
  const fake = fakeElectron(options.gotLock ?? true);
  const core = Object.assign(new FakeCore(), { dataDir, notices: [] as string[], started: 0, stopped: 0 });
  core.current = status('ok');
  Object.assign(core, { start: async () => void core.started++, stop: async () => void core.stopped++ });
  const coreOptions: unknown[] = [];
  install(electronPath, fake.electron);
  install(createCorePath, { createOpsbarCore: (o: unknown) => (coreOptions.push(o), core) });
  for (const key of Object.keys(require.cache)) if (key.includes(join('electron', 'main'))) delete require.cache[key];
  const savedArgv = process.argv;
  process.argv = ['electron', '.', ...(options.argv ?? [])];
  process.env.OPSBAR_DATA_DIR = dataDir;
  try {
    // Fresh evaluation each time: main.ts does its work at load, like Electron's entry point.
    Module.createRequire(__filename)(mainPath);
    fake.ready();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.argv = savedArgv;
    delete process.env.OPSBAR_DATA_DIR;
  }
  return { ...fake, core, coreOptions };
}

// main.ts hooks SIGINT/SIGTERM on the real process; only those hooks are removed afterwards.
const signalListenersBefore = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
after(() => {
  delete require.cache[electronPath];
  delete require.cache[createCorePath];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListenersBefore[signal].includes(listener)) process.removeListener(signal, listener);
  }
});

describe('main.ts (composition root, fake Electron)', () => {
  test('names the app, moves the profile to the data dir and registers the scheme before ready', async () => {
    const { log, paths, coreOptions } = await loadMain();
    assert.deepEqual(log[0], ['setName', 'Opsbar']);
    assert.equal(paths.userData, dataDir);
    const schemes = log.find((e) => e[0] === 'registerSchemesAsPrivileged')?.[1] as { scheme: string; privileges: Record<string, boolean> }[];
    assert.equal(schemes[0].scheme, 'opsbar');
    assert.equal(schemes[0].privileges.standard, true);
    assert.deepEqual(coreOptions.map((o) => (o as { dataDir: string }).dataDir), [dataDir]);
    // The Electron-ABI build of better-sqlite3 is passed when scripts/electron-native.mjs made one.
    const binding = join(root, 'build', 'electron-native', 'better_sqlite3.node');
    assert.equal((coreOptions[0] as { sqliteNativeBinding?: string }).sqliteNativeBinding, existsSync(binding) ? binding : undefined);
  });

  test('when ready: protocol, security, one IPC handler, a tray, and the core started; no window', async () => {
    const { log, handlers, trays, windows, core } = await loadMain();
    assert.ok(log.some((e) => e[0] === 'protocol.handle' && e[1] === 'opsbar'));
    assert.ok(log.some((e) => e[0] === 'permissionRequestHandler'));
    assert.deepEqual([...handlers.keys()], [IPC_CALL_CHANNEL, IPC_OPEN_LINK_CHANNEL]);
    assert.ok(log.some((e) => e[0] === 'devicePermissionHandler'));
    assert.equal(trays.length, 1);
    assert.deepEqual(trays[0].icon, { path: join(root, 'resources', 'tray', 'tray-ok.png') });
    assert.equal(windows.length, 0, 'a tray app starts without a window');
    assert.equal(core.started, 1);
    assert.equal(log.some((e) => e[0] === 'dock.hide'), process.platform === 'darwin');
  });

  test('the tray runs the daily health check through the core (auto mode, trigger tray)', async () => {
    const { trays, core } = await loadMain();
    const menu = (trays[0].menus.at(-1) as { template: { label?: string; click?: () => void }[] }).template;
    const item = menu.find((i) => i.label === 'Run daily health check');
    assert.ok(item, 'the tray offers the daily health check');
    item.click?.();
    assert.deepEqual(core.startedRunbooks, ['daily-health-check by tray']);
    const lastMenu = (trays[0].menus.at(-1) as { template: { label?: string }[] }).template;
    assert.ok(lastMenu.some((i) => i.label === 'Daily health check running…'), 'the menu follows the run it started');
  });

  test('--dashboard opens the sandboxed dashboard on the app origin, and it may call the core', async () => {
    const { windows, handlers, core } = await loadMain({ argv: ['--dashboard'] });
    assert.equal(windows.length, 1);
    const [w] = windows;
    const prefs = w.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.preload, join(root, 'dist', 'preload', 'preload.js'));
    assert.equal(prefs.sandbox, true);
    assert.deepEqual(w.loaded, ['opsbar://app/index.html']);
    const call = handlers.get(IPC_CALL_CHANNEL);
    const event = { sender: { id: w.webContents.id }, senderFrame: { url: 'opsbar://app/index.html', parent: null } };
    assert.deepEqual(await call?.(event, 'status.get', {}), { ok: true, value: core.current });
  });

  test('enables the sandbox for every renderer, before the app is ready', async () => {
    const { log } = await loadMain();
    const sandbox = log.findIndex((e) => e[0] === 'enableSandbox');
    assert.ok(sandbox >= 0, 'app.enableSandbox() is called');
    // protocol.handle runs in start(), i.e. after whenReady resolved.
    assert.ok(sandbox < log.findIndex((e) => e[0] === 'protocol.handle'), 'before ready');
  });

  test('a clicked link opens only for an allow-listed host (main passes the allow-list)', async () => {
    const { windows, handlers, log } = await loadMain({ argv: ['--dashboard'] });
    const open = handlers.get(IPC_OPEN_LINK_CHANNEL);
    const event = { sender: { id: windows[0].webContents.id }, senderFrame: { url: 'opsbar://app/index.html', parent: null } };
    assert.equal(await open?.(event, 'https://evil.example/'), false);
    assert.equal(await open?.(event, 'https://docs.docker.com/engine/'), true);
    assert.deepEqual(log.filter((e) => e[0] === 'openExternal'), [['openExternal', 'https://docs.docker.com/engine/']]);
  });

  test('settings.confirm from the window goes through main, which refuses a change it did not see proposed', async () => {
    const { windows, handlers } = await loadMain({ argv: ['--dashboard'] });
    const event = { sender: { id: windows[0].webContents.id }, senderFrame: { url: 'opsbar://app/index.html', parent: null } };
    const answer = (await handlers.get(IPC_CALL_CHANNEL)?.(event, 'settings.confirm', { changeId: 'made-up' })) as { ok: boolean; error: { code: string } };
    assert.equal(answer.ok, false);
    assert.equal(answer.error.code, 'refused');
  });

  test('quit stops the core first, then quits', async () => {
    const { electron, log, core } = await loadMain();
    electron.app.quit();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(core.stopped, 1);
    assert.equal(log.filter((e) => e[0] === 'quitted').length, 1);
  });

  test('a second instance quits at once and builds nothing', async () => {
    const { log, trays, coreOptions } = await loadMain({ gotLock: false });
    assert.ok(log.some((e) => e[0] === 'quit'));
    assert.equal(trays.length, 0);
    assert.equal(coreOptions.length, 0);
  });
});

describe('main.ts start-up failure', () => {
  test('a core that cannot open is reported in a dialog with the fix, and the app exits', async () => {
    const fake = fakeElectron(true);
    install(electronPath, fake.electron);
    install(createCorePath, {
      createOpsbarCore: () => {
        throw new Error('The module better_sqlite3.node was compiled against NODE_MODULE_VERSION 115');
      },
    });
    for (const key of Object.keys(require.cache)) if (key.includes(join('electron', 'main'))) delete require.cache[key];
    process.env.OPSBAR_DATA_DIR = dataDir;
    const quiet = console.error;
    console.error = () => {};
    try {
      Module.createRequire(__filename)(mainPath);
      fake.ready();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      console.error = quiet;
      delete process.env.OPSBAR_DATA_DIR;
    }
    const dialog = fake.log.find((e) => e[0] === 'showErrorBox');
    assert.equal(dialog?.[1], 'Opsbar could not start');
    assert.match(String(dialog?.[2]), /node scripts\/electron-native\.mjs/);
    assert.deepEqual(fake.log.at(-1), ['exit', 1]);
  });
});
