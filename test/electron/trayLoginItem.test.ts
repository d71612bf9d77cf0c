import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApiDispatcher, type ApiHandlers } from '../../electron/core/api/dispatcher';
import { silentLogger } from '../../electron/core/logger';
import { startAtLoginItem, startAtLoginToggle } from '../../electron/main/trayLoginItem';
import { buildTrayMenu } from '../../electron/main/trayMenu';
import { status } from './fakes';

describe('tray "Start at login"', () => {
  test('a checkbox that shows the setting', () => {
    let toggled = 0;
    const item = startAtLoginItem({ enabled: true, toggle: () => void toggled++ });
    assert.equal(item.type, 'checkbox');
    assert.equal(item.label, 'Start at login');
    assert.equal(item.checked, true);
    item.click?.();
    assert.equal(toggled, 1);
    const menu = buildTrayMenu(status('ok'), { onOpenDashboard: () => {}, onQuit: () => {}, startAtLogin: { enabled: false, toggle: () => {} } });
    assert.equal(menu.find((i) => i.label === 'Start at login')?.checked, false);
  });

  test('the toggle flips the setting through settings.update (caller app), then applies it', async () => {
    let setting = false;
    const updates: unknown[] = [];
    const callers: string[] = [];
    const dispatch = createApiDispatcher({
      'settings.update': (patch: unknown, context: { caller: string }) => {
        updates.push(patch);
        callers.push(context.caller);
        setting = (patch as { app: { startAtLogin: boolean } }).app.startAtLogin;
        return {};
      },
    } as unknown as ApiHandlers);
    let applied = 0;
    const toggle = startAtLoginToggle({ core: { dispatch }, enabled: () => setting, log: silentLogger, onChanged: () => void applied++ });
    await toggle.toggle();
    assert.deepEqual(updates, [{ app: { startAtLogin: true } }]);
    assert.deepEqual(callers, ['app']);
    assert.equal(applied, 1);
    assert.equal(toggle.enabled(), true);
    await toggle.toggle();
    assert.deepEqual(updates.at(-1), { app: { startAtLogin: false } });
  });

  test('a refused update is logged and nothing is applied', async () => {
    const warnings: string[] = [];
    const dispatch = createApiDispatcher({
      'settings.update': () => {
        throw new Error('the config file is read-only');
      },
    } as unknown as ApiHandlers);
    let applied = 0;
    const toggle = startAtLoginToggle({ core: { dispatch }, enabled: () => false, log: { ...silentLogger, warn: (m: string) => void warnings.push(m) }, onChanged: () => void applied++ });
    await toggle.toggle();
    assert.equal(applied, 0);
    assert.match(warnings[0] ?? '', /Start at login was not changed/);
  });
});
