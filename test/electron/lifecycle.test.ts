import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { describe, test } from 'node:test';
import { setupLifecycle, wantsDashboardAtStart } from '../../electron/main/lifecycle';
import { quietLog } from './fakes';

class FakeApp extends EventEmitter {
  quits = 0;
  /** Like Electron: quit() emits before-quit; if nobody prevents it, the app has quit. */
  quit() {
    this.quits++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('quitted');
  }
}

function setup(stopCore: () => Promise<void>, stopTimeoutMs = 1_000) {
  const app = new FakeApp();
  const signals = new EventEmitter();
  const log = quietLog();
  let focused = 0;
  setupLifecycle({ app, stopCore, onSecondInstance: () => focused++, log, stopTimeoutMs, signals });
  return { app, signals, log, focused: () => focused };
}

describe('lifecycle', () => {
  test('closing every window keeps the tray app running', () => {
    const { app } = setup(async () => {});
    assert.equal(app.listenerCount('window-all-closed'), 1);
    app.emit('window-all-closed');
    assert.equal(app.quits, 0);
  });

  test('a second instance focuses the dashboard', () => {
    const { app, focused } = setup(async () => {});
    app.emit('second-instance', {}, ['opsbar'], '/');
    assert.equal(focused(), 1);
  });

  test('quit waits for the core to stop, then quits for real, once', async () => {
    let stops = 0;
    let release!: () => void;
    const { app, log } = setup(() => {
      stops++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const quitted = once(app, 'quitted');
    app.quit();
    app.quit();
    assert.equal(stops, 1);
    release();
    await quitted;
    assert.ok(log.lines.includes('info: Core stopped; quitting.'));
  });

  test('a core that fails to stop is logged, and the app still quits', async () => {
    const { app, log } = setup(async () => {
      throw new Error('database is locked');
    });
    const quitted = once(app, 'quitted');
    app.quit();
    await quitted;
    assert.ok(log.lines.some((l) => l.includes('database is locked')));
  });

  test('a core that hangs does not hang quitting', async () => {
    const { app, log } = setup(() => new Promise<void>(() => {}), 20);
    const quitted = once(app, 'quitted');
    app.quit();
    await quitted;
    assert.ok(log.lines.some((l) => l.includes('took too long')));
  });

  test('SIGTERM and SIGINT quit through the same path', async () => {
    let stops = 0;
    const { app, signals } = setup(async () => void stops++);
    const quitted = once(app, 'quitted');
    signals.emit('SIGTERM');
    await quitted;
    assert.equal(stops, 1);
  });

  test('--dashboard opens the dashboard at start', () => {
    assert.equal(wantsDashboardAtStart(['electron', '.', '--dashboard']), true);
    assert.equal(wantsDashboardAtStart(['electron', '.']), false);
  });

  test('a first start (no config yet) opens the dashboard, on its welcome view', () => {
    assert.equal(wantsDashboardAtStart(['electron', '.'], true), true);
    assert.equal(wantsDashboardAtStart(['electron', '.'], false), false);
  });
});
