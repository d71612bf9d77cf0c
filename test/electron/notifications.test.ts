import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideEventNotification, decideNotification, setupNotifications, type NotifyState } from '../../electron/main/notifications';
import type { OpsEvent } from '../../shared/types/events';
import { FakeCore, check, quietLog, status } from './fakes';

const MIN = 60_000;
const empty: NotifyState = new Map();

describe('decideNotification', () => {
  test('ok → warning notifies, naming the check that got worse', () => {
    const prev = status('ok', [check('disk:/', 'ok', 'Disk /', '41 GB free'), check('mem', 'ok')]);
    const next = status('warning', [check('disk:/', 'warning', 'Disk /', '4 GB free (96%)'), check('mem', 'ok')]);
    const { notification } = decideNotification(prev, next, empty, 0);
    assert.deepEqual(notification, { title: 'Opsbar: Warning', body: 'Disk / — 4 GB free (96%)', checkIds: ['disk:/'] });
  });

  test('no notification when the overall severity stays or improves', () => {
    const warn = status('warning', [check('a', 'warning')]);
    assert.equal(decideNotification(warn, status('warning', [check('a', 'warning'), check('b', 'warning')]), empty, 0).notification, null);
    assert.equal(decideNotification(status('critical', [check('a', 'critical')]), warn, empty, 0).notification, null);
    assert.equal(decideNotification(warn, status('ok'), empty, 0).notification, null);
  });

  test('ok → unknown is not worth a notification', () => {
    assert.equal(decideNotification(status('ok'), status('unknown', [check('a', 'unknown')]), empty, 0).notification, null);
  });

  test('at start (no previous status) a warning already present notifies', () => {
    const { notification } = decideNotification(null, status('critical', [check('d', 'critical', 'Disk /', 'full')]), empty, 0);
    assert.equal(notification?.title, 'Opsbar: Critical');
  });

  test('worst checks first, and at most three lines', () => {
    const next = status('critical', [check('a', 'warning', 'A', '1'), check('b', 'critical', 'B', '2'), check('c', 'warning', 'C', '3'), check('d', 'warning', 'D', '4')]);
    const { notification } = decideNotification(status('ok'), next, empty, 0);
    assert.equal(notification?.body, 'B — 2\nA — 1\nC — 3\n…and 1 more');
  });

  test('per-check rate limit: a flapping check notifies once per interval', () => {
    const ok = status('ok', [check('d', 'ok')]);
    const warn = status('warning', [check('d', 'warning')]);
    let state: NotifyState = empty;
    const shown: number[] = [];
    for (let minute = 0; minute < 40; minute += 2) {
      const d = decideNotification(ok, warn, state, minute * MIN);
      state = d.state;
      if (d.notification) shown.push(minute);
    }
    assert.deepEqual(shown, [0, 16, 32]);
  });

  test('an escalation (warning → critical) gets through the rate limit', () => {
    const first = decideNotification(status('ok'), status('warning', [check('d', 'warning')]), empty, 0);
    const second = decideNotification(status('warning', [check('d', 'warning')]), status('critical', [check('d', 'critical')]), first.state, MIN);
    assert.equal(second.notification?.title, 'Opsbar: Critical');
  });

  test('a rate-limited check does not hide another check that just got worse', () => {
    const first = decideNotification(status('ok'), status('warning', [check('a', 'warning')]), empty, 0);
    const next = status('warning', [check('a', 'warning'), check('b', 'warning', 'B', 'new')]);
    const second = decideNotification(status('ok', [check('a', 'ok'), check('b', 'ok')]), next, first.state, MIN);
    assert.deepEqual(second.notification?.checkIds, ['b']);
  });

  test('a worse overall with no alerting check still notifies, rate-limited as one', () => {
    const first = decideNotification(status('ok'), status('warning'), empty, 0);
    assert.equal(first.notification?.body, 'Open the dashboard for details.');
    assert.equal(decideNotification(status('ok'), status('warning'), first.state, MIN).notification, null);
  });

  test('decisions are pure: the given state is not changed', () => {
    const state: NotifyState = new Map();
    decideNotification(status('ok'), status('warning', [check('a', 'warning')]), state, 0);
    assert.equal(state.size, 0);
  });
});

describe('setupNotifications', () => {
  function setup(supported = true) {
    const core = new FakeCore();
    core.current = status('ok', [check('d', 'ok')]);
    const shown: { title: string; body: string }[] = [];
    const clickListeners: (() => void)[] = [];
    let opened = 0;
    let now = 0;
    const log = quietLog();
    const dispose = setupNotifications({
      core,
      createNotification: (options) => ({
        show: () => void shown.push(options),
        on: (_event, listener) => void clickListeners.push(listener),
      }),
      isSupported: () => supported,
      onClick: () => opened++,
      now: () => now,
      log,
    });
    return { core, shown, clickListeners, opened: () => opened, setNow: (t: number) => (now = t), dispose, log };
  }

  test('shows a notification when live status worsens; clicking opens the dashboard', () => {
    const { core, shown, clickListeners, opened } = setup();
    core.publishStatus(status('ok', [check('d', 'ok')]));
    assert.equal(shown.length, 0);
    core.publishStatus(status('critical', [check('d', 'critical', 'Disk /', '1 GB free (99%)')]));
    assert.deepEqual(shown, [{ title: 'Opsbar: Critical', body: 'Disk / — 1 GB free (99%)' }]);
    clickListeners[0]();
    assert.equal(opened(), 1);
  });

  test('flapping within the interval shows one notification', () => {
    const { core, shown, setNow } = setup();
    for (let i = 0; i < 10; i++) {
      setNow(i * MIN);
      core.publishStatus(status(i % 2 ? 'ok' : 'warning', [check('d', i % 2 ? 'ok' : 'warning')]));
    }
    assert.equal(shown.length, 1);
  });

  test('without desktop notifications it logs instead; dispose unsubscribes', () => {
    const { core, shown, log, dispose } = setup(false);
    core.publishStatus(status('warning', [check('d', 'warning', 'Disk /', 'low')]));
    assert.equal(shown.length, 0);
    assert.ok(log.lines.some((l) => l.includes('Opsbar: Warning: Disk / — low')));
    dispose();
    assert.equal(core.listeners.size, 0);
  });
});

describe('maintenance window and runbook news', () => {
  const inWindow = (snapshot: ReturnType<typeof status>) => ({ ...snapshot, maintenance: { active: true, until: 5, silenceNonCritical: true } });
  const runbookEvent = (severity: OpsEvent['severity'], kind = 'runbook.failed'): OpsEvent => ({
    id: 1, at: 1, source: 'opsbar', kind, severity, subject: 'Daily health check', message: "Scheduled run #4 failed: stopped at step 2 'Docker answers'", attributes: {},
  });

  test('an open window silences warnings but never a critical', () => {
    const prev = status('ok', [check('d', 'ok')]);
    assert.equal(decideNotification(prev, inWindow(status('warning', [check('d', 'warning')])), empty, 0).notification, null);
    assert.notEqual(decideNotification(prev, inWindow(status('critical', [check('d', 'critical')])), empty, 0).notification, null);
    const open = { ...inWindow(status('warning', [check('d', 'warning')])), maintenance: { active: true, until: 5, silenceNonCritical: false } };
    assert.notEqual(decideNotification(prev, open, empty, 0).notification, null);
  });

  test('failed, missed or waiting runbook runs notify; info events and other kinds do not', () => {
    assert.deepEqual(decideEventNotification(runbookEvent('warning'), null), {
      title: 'Opsbar: Daily health check',
      body: "Scheduled run #4 failed: stopped at step 2 'Docker answers'",
      checkIds: [],
    });
    assert.equal(decideEventNotification(runbookEvent('info', 'runbook.succeeded'), null), null);
    assert.equal(decideEventNotification({ ...runbookEvent('critical'), kind: 'container.die' }, null), null);
    assert.equal(decideEventNotification(runbookEvent('warning'), inWindow(status('ok'))), null);
    assert.notEqual(decideEventNotification(runbookEvent('critical'), inWindow(status('ok'))), null);
  });

  test('live runbook events reach the desktop', () => {
    const core = new FakeCore();
    const shown: { title: string; body: string }[] = [];
    setupNotifications({ core, createNotification: (o) => ({ show: () => void shown.push(o), on: () => {} }), isSupported: () => true, onClick: () => {} });
    for (const listener of core.listeners) listener({ type: 'event', event: runbookEvent('warning', 'runbook.missed') });
    assert.equal(shown.length, 1);
    assert.equal(shown[0].title, 'Opsbar: Daily health check');
  });
});
