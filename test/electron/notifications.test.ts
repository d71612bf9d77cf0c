import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DesktopNotifier } from '../../electron/core/notifications/notificationSystem';
import { notificationRoute, setupNotifications } from '../../electron/main/notifications';
import type { NotificationMessage } from '../../shared/types/notifications';
import { quietLog } from './fakes';

function message(overrides: Partial<NotificationMessage> = {}): NotificationMessage {
  return {
    id: 'n1',
    at: 0,
    reason: 'firing',
    severity: 'critical',
    title: 'Opsbar: Critical: Disk /',
    body: '1 GB free (99%)',
    alertKey: 'disk.free|disk:/',
    kind: 'disk.free',
    subject: 'disk:/',
    incidentId: 7,
    host: 'box',
    ...overrides,
  };
}

// The policy lives in the core now (test/core/notifications/); the shell only shows what it is given.
describe('setupNotifications (the desktop notifier)', () => {
  function setup(supported = true) {
    let notifier: DesktopNotifier | null = null;
    const shown: { title: string; body: string }[] = [];
    const clickListeners: (() => void)[] = [];
    const clicked: (number | null)[] = [];
    const log = quietLog();
    const dispose = setupNotifications({
      notifications: { setDesktop: (n) => (notifier = n) },
      createNotification: (options) => ({ show: () => void shown.push(options), on: (_event, listener) => void clickListeners.push(listener) }),
      isSupported: () => supported,
      onClick: (id) => void clicked.push(id),
      log,
    });
    return { notify: (m: NotificationMessage) => notifier?.(m) ?? null, registered: () => notifier !== null, shown, clickListeners, clicked, dispose, log };
  }

  test('registers with the core and shows each message; a click opens its incident', () => {
    const s = setup();
    assert.equal(s.notify(message()), true);
    assert.deepEqual(s.shown, [{ title: 'Opsbar: Critical: Disk /', body: '1 GB free (99%)' }]);
    s.clickListeners[0]();
    assert.deepEqual(s.clicked, [7]);
    assert.equal(notificationRoute(7), '#/incidents/7');
    assert.equal(notificationRoute(null), undefined);
  });

  test('unsupported: logged instead, and the core hears it was not shown', () => {
    const s = setup(false);
    assert.equal(s.notify(message()), false);
    assert.equal(s.shown.length, 0);
    assert.match(s.log.lines.join('\n'), /Opsbar: Critical: Disk \/: 1 GB free/);
  });

  test('the disposer unregisters the notifier', () => {
    const s = setup();
    s.dispose();
    assert.equal(s.registered(), false);
  });
});
