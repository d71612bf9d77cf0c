// The notification system around the policy: one message per alert, the cap per evaluation,
// repeats on the tick, the desktop notifier, runbook news, what each message leaves behind.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OpsEvent } from '../../../shared/types/events';
import type { NotificationMessage } from '../../../shared/types/notifications';
import { transition } from './alertFixtures';
import { notificationHarness } from './notificationHarness';

const HOUR = 3_600_000;

describe('notification system', () => {
  test('each message is recorded, audited (channel ids), told to the incident and published live; the desktop notifier shows it', async () => {
    const shown: NotificationMessage[] = [];
    const h = notificationHarness({}, { incidentOf: () => ({ id: 4, acknowledged: false }) });
    h.system.setDesktop((m) => (shown.push(m), true));
    h.system.onTransitions([transition('fired', 'critical', h.clock.now())]);
    await h.close();
    const [message] = h.system.recent(5);
    assert.equal(message.incidentId, 4);
    assert.deepEqual(shown, [message]);
    assert.deepEqual(h.sent, [message]);
    assert.deepEqual(h.published, [{ type: 'notification', notification: message }]);
    assert.deepEqual([h.audits[0].action, h.audits[0].target, h.audits[0].actor], ['notification.sent', 'desktop', 'opsbar']);
    assert.deepEqual(h.deliveries().map((d) => [d.channel, d.ok]), [['desktop', 1]]);
  });

  test('several alerts in one evaluation: one message each, worst first, at most five, the rest in one "…and N more"', async () => {
    const h = notificationHarness({});
    const now = h.clock.now();
    const many = Array.from({ length: 8 }, (_, i) => transition('fired', i === 7 ? 'emergency' : 'warning', now, { kind: 'container.exited', subject: `c${i}`, label: `c${i} exited` }));
    h.system.onTransitions(many);
    await h.close();
    const titles = h.system.recent(20).reverse().map((m) => m.title);
    assert.equal(titles.length, 6);
    assert.equal(titles[0], 'Opsbar: Emergency: c7 exited');
    assert.equal(titles[5], 'Opsbar: …and 3 more');
    assert.equal(new Set(h.system.recent(20).map((m) => m.id)).size, 6);
  });

  test('an unacknowledged critical repeats on the tick every hour; an acknowledged one does not', async () => {
    let acknowledged = false;
    const h = notificationHarness({}, { incidentOf: () => ({ id: 1, acknowledged }) });
    h.system.onTransitions([transition('fired', 'critical', h.clock.now())]);
    await h.clock.advance(HOUR - 5_000);
    h.system.tick();
    await h.clock.advance(5_000);
    h.system.tick();
    h.system.tick();
    acknowledged = true;
    await h.clock.advance(HOUR);
    h.system.tick();
    await h.close();
    assert.deepEqual(h.system.recent(10).reverse().map((m) => m.reason), ['firing', 'repeat']);
  });

  test('a recovery after a restart is notified when the store remembers the notified firing', async () => {
    const h = notificationHarness({});
    h.system.onTransitions([transition('fired', 'warning', h.clock.now())]);
    h.system.onTransitions([transition('fired', 'warning', h.clock.now(), { kind: 'cpu.high', subject: 'cpu' }), transition('cancelled', 'warning', h.clock.now(), { kind: 'cpu.high', subject: 'cpu' })]);
    await h.restart();
    h.system.onTransitions([transition('resolved', 'warning', h.clock.now()), transition('resolved', 'warning', h.clock.now(), { kind: 'mem.high', subject: 'mem' })]);
    await h.close();
    assert.deepEqual(h.system.recent(10).reverse().map((m) => `${m.reason} ${m.alertKey}`), ['firing disk.free|disk:/', 'firing cpu.high|cpu', 'recovered disk.free|disk:/']);
  });

  test('runbook news of warning or worse notifies; info does not; the CLI role sends nothing by itself', async () => {
    const event = (severity: OpsEvent['severity']): OpsEvent => ({ id: 1, at: 0, source: 'opsbar', kind: 'runbook.failed', subject: 'Daily health check', message: 'step 2 failed', severity, attributes: {} });
    const h = notificationHarness({});
    h.system.onEvent(event('warning'));
    h.system.onEvent(event('info'));
    await h.close();
    assert.deepEqual(h.system.recent(5).map((m) => [m.reason, m.title, m.body]), [['runbook', 'Opsbar: Daily health check', 'step 2 failed']]);
    const cli = notificationHarness({}, { role: 'cli' });
    cli.system.onEvent(event('critical'));
    cli.system.onTransitions([transition('fired', 'critical', cli.clock.now())]);
    await cli.close();
    assert.deepEqual(cli.published, []);
  });
});
