import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { APP_ENTRY_URL } from '../../electron/main/appProtocol';
import { DashboardWindow, dashboardWindowOptions, type BrowserWindowLike } from '../../electron/main/windows';
import { FakeWebContents, quietLog } from './fakes';

class FakeWindow extends EventEmitter implements BrowserWindowLike {
  static nextId = 1;
  readonly webContents = new FakeWebContents(FakeWindow.nextId++);
  readonly calls: string[] = [];
  loaded: string[] = [];
  destroyed = false;
  minimized = false;
  constructor(
    readonly options: unknown,
    private readonly loadFails = false,
  ) {
    super();
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.calls.push('restore');
    this.minimized = false;
  }
  show() {
    this.calls.push('show');
  }
  focus() {
    this.calls.push('focus');
  }
  async loadURL(url: string) {
    this.loaded.push(url);
    if (this.loadFails) throw new Error('ERR_FILE_NOT_FOUND');
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

function setup(loadFails = false) {
  const windows: FakeWindow[] = [];
  const attached: number[] = [];
  const log = quietLog();
  let activated = 0;
  const dashboard = new DashboardWindow({
    createWindow: (options) => {
      const w = new FakeWindow(options, loadFails);
      windows.push(w);
      return w;
    },
    options: dashboardWindowOptions('/app/dist/preload/preload.js'),
    onCreated: (contents) => attached.push(contents.id),
    activateApp: () => activated++,
    log,
  });
  return { dashboard, windows, attached, log, activated: () => activated };
}

describe('dashboardWindowOptions', () => {
  test('a sandboxed, isolated page with the bundled preload and nothing else', () => {
    const options = dashboardWindowOptions('/app/dist/preload/preload.js', { icon: '/app/resources/icon.png', devTools: false });
    assert.deepEqual(
      {
        contextIsolation: options.webPreferences?.contextIsolation,
        sandbox: options.webPreferences?.sandbox,
        nodeIntegration: options.webPreferences?.nodeIntegration,
        nodeIntegrationInWorker: options.webPreferences?.nodeIntegrationInWorker,
        nodeIntegrationInSubFrames: options.webPreferences?.nodeIntegrationInSubFrames,
        webSecurity: options.webPreferences?.webSecurity,
        allowRunningInsecureContent: options.webPreferences?.allowRunningInsecureContent,
        webviewTag: options.webPreferences?.webviewTag,
        spellcheck: options.webPreferences?.spellcheck,
        navigateOnDragDrop: options.webPreferences?.navigateOnDragDrop,
        devTools: options.webPreferences?.devTools,
        preload: options.webPreferences?.preload,
      },
      {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
        devTools: false,
        preload: '/app/dist/preload/preload.js',
      },
    );
    assert.equal(options.show, false, 'shown on ready-to-show, no white flash');
    assert.equal(options.icon, '/app/resources/icon.png');
  });
});

describe('DashboardWindow', () => {
  test('creates one window on demand, loads the app origin, attaches it to IPC, shows when ready', () => {
    const { dashboard, windows, attached, activated } = setup();
    dashboard.show();
    assert.equal(windows.length, 1);
    const w = windows[0];
    assert.deepEqual(w.loaded, [APP_ENTRY_URL]);
    assert.deepEqual(attached, [w.webContents.id]);
    assert.deepEqual(w.calls, []);
    w.emit('ready-to-show');
    assert.deepEqual(w.calls, ['show', 'focus']);
    assert.equal(activated(), 1);
  });

  test('reuses the window: a second show restores, shows and focuses it', () => {
    const { dashboard, windows } = setup();
    dashboard.show();
    windows[0].minimized = true;
    dashboard.show();
    assert.equal(windows.length, 1);
    assert.deepEqual(windows[0].calls, ['restore', 'show', 'focus']);
  });

  test('after the window closes, the next show makes a fresh one', () => {
    const { dashboard, windows } = setup();
    dashboard.show();
    windows[0].close();
    assert.equal(dashboard.current, null);
    dashboard.show();
    assert.equal(windows.length, 2);
    assert.equal(dashboard.current, windows[1]);
  });

  test('a load failure is logged with a hint', async () => {
    const { dashboard, log } = setup(true);
    dashboard.show();
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(log.lines.some((l) => l.includes('Could not load the dashboard') && l.includes('ERR_FILE_NOT_FOUND')));
  });
});
