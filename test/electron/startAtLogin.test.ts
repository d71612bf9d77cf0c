import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LiveMessage } from '../../shared/api/live';
import { silentLogger } from '../../electron/core/logger';
import { createXdgAutostart } from '../../electron/core/startAtLogin/xdgAutostart';
import { linuxStartCommand, macLoginItem, setupStartAtLogin, xdgLoginItem } from '../../electron/main/startAtLogin';
import { tempDir } from '../support/tempDir';

/** A fake Electron `app` with the login item settings macOS keeps. */
function fakeApp(openAtLogin = false) {
  const calls: { openAtLogin: boolean; openAsHidden?: boolean }[] = [];
  return {
    calls,
    getLoginItemSettings: () => ({ openAtLogin }),
    setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean }) {
      calls.push(settings);
      openAtLogin = settings.openAtLogin;
    },
  };
}

function fakeCore(startAtLogin: boolean) {
  const listeners = new Set<(m: LiveMessage) => void>();
  const core = {
    value: startAtLogin,
    settings: () => ({ app: { startAtLogin: core.value } }) as ReturnType<import('../../electron/core/opsbarCore').OpsbarCore['settings']>,
    subscribe(listener: (m: LiveMessage) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    publish: () => listeners.forEach((l) => l({ type: 'event', event: {} } as LiveMessage)),
    listeners,
  };
  return core;
}

describe('start at login (shell glue, fake app)', () => {
  test('macOS: the setting is applied at start, and again when it changes', () => {
    const app = fakeApp(false);
    const core = fakeCore(true);
    const glue = setupStartAtLogin({ backend: macLoginItem(app), core, log: silentLogger });
    assert.deepEqual(app.calls, [{ openAtLogin: true, openAsHidden: true }]);
    core.publish();
    assert.equal(app.calls.length, 1, 'nothing changed: no call');
    core.value = false;
    core.publish();
    assert.deepEqual(app.calls.at(-1), { openAtLogin: false, openAsHidden: true });
    glue.dispose();
    assert.equal(core.listeners.size, 0);
  });

  test('off by default: a fresh install registers nothing', () => {
    const app = fakeApp(false);
    setupStartAtLogin({ backend: macLoginItem(app), core: fakeCore(false), log: silentLogger });
    assert.deepEqual(app.calls, []);
  });

  test('Linux: the XDG entry follows the setting', () => {
    const configHome = tempDir('opsbar-xdg-glue-');
    const autostart = createXdgAutostart({ command: ['/opt/Opsbar/opsbar-app'], env: { XDG_CONFIG_HOME: configHome } });
    const core = fakeCore(false);
    const glue = setupStartAtLogin({ backend: xdgLoginItem(autostart), core, log: silentLogger });
    assert.equal(autostart.isEnabled(), false);
    core.value = true;
    glue.apply();
    assert.equal(autostart.isEnabled(), true);
    core.value = false;
    core.publish();
    assert.equal(autostart.isEnabled(), false);
  });

  test('a failing OS call is logged, not thrown, and retried on the next change', () => {
    const warnings: string[] = [];
    let fail = true;
    let enabled = false;
    const backend = {
      isEnabled: () => enabled,
      setEnabled(value: boolean) {
        if (fail) throw new Error('permission denied');
        enabled = value;
      },
    };
    const core = fakeCore(true);
    setupStartAtLogin({ backend, core, log: { ...silentLogger, warn: (m: string) => void warnings.push(m) } });
    assert.match(warnings[0], /Could not turn start at login on: permission denied/);
    fail = false;
    core.publish();
    assert.equal(enabled, true);
  });

  test('no backend (Windows for now): unsupported, no subscription', () => {
    const core = fakeCore(true);
    const glue = setupStartAtLogin({ backend: null, core, log: silentLogger });
    assert.equal(glue.supported, false);
    assert.equal(core.listeners.size, 0);
  });

  test('the autostart command: the AppImage itself, the installed binary, or electron + the checkout', () => {
    assert.deepEqual(linuxStartCommand({ env: { APPIMAGE: '/home/op/Opsbar.AppImage' }, execPath: '/tmp/.mount_x/opsbar-app', isPackaged: true, appPath: '/x' }), ['/home/op/Opsbar.AppImage']);
    assert.deepEqual(linuxStartCommand({ env: {}, execPath: '/opt/Opsbar/opsbar-app', isPackaged: true, appPath: '/x' }), ['/opt/Opsbar/opsbar-app']);
    assert.deepEqual(linuxStartCommand({ env: {}, execPath: '/src/node_modules/electron/dist/electron', isPackaged: false, appPath: '/src' }), ['/src/node_modules/electron/dist/electron', '/src']);
  });
});
